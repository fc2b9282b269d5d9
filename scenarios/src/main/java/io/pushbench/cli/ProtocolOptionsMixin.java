package io.pushbench.cli;

import io.pushbench.core.driver.OnOpenMessage;
import io.pushbench.core.driver.ProtocolOptions;
import io.pushbench.core.driver.longpoll.PollCursorStrategy;
import io.pushbench.core.transport.Transport;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * How the clients speak to a server written by others: the options of {@code capacity} that
 * choose the long-poll cursor, the WebSocket message sent on open, permessage-deflate and binary
 * frames ({@link ProtocolOptions}).
 */
final class ProtocolOptionsMixin {

    @Option(names = "--poll-cursor", paramLabel = "CURSOR",
            description = "long-polling: how each poll tells the server where the client is. pushbench (default: "
                    + "?after=ID and pushbench's batch answers), etag (the last answer's Last-Modified and Etag "
                    + "sent back as If-Modified-Since and If-None-Match, as nchan and other pub/sub servers "
                    + "expect), header:NAME (the last answer's header NAME sent back as a header) or "
                    + "header:NAME,query:PARAM (sent back as the query parameter PARAM). With the last three, "
                    + "each envelope found in an answer's body is a message. 204, 304 and 408 answers mean "
                    + "\"no message yet\".")
    private String pollCursor;

    @Option(names = "--on-open", paramLabel = "TEXT",
            description = "websocket: a text message sent on every connection right after its handshake (a "
                    + "subscribe frame, a token). {conn} is replaced by the connection's number, {uuid} by a random "
                    + "UUID per handshake. The publishing WebSocket of --publish-url ws:// sends it too.")
    private String onOpen;

    @Option(names = "--on-open-file", paramLabel = "FILE",
            description = "websocket: as --on-open, the message read from FILE (UTF-8; a final line end is dropped).")
    private Path onOpenFile;

    @Option(names = "--ws-compression",
            description = "websocket: offer permessage-deflate (RFC 7692) in the handshake; wire bytes are then the "
                    + "compressed ones. Default: off.")
    private boolean compression;

    @Option(names = "--binary",
            description = "websocket: send envelopes in binary frames (opcode 0x2) instead of text frames; "
                    + "binary frames are received either way. Default: off.")
    private boolean binary;

    /**
     * The options for {@code transport}, checked.
     *
     * @throws UserError naming the option: a malformed cursor, an unreadable file, or an option
     *                   that does not apply to the transport
     */
    ProtocolOptions options(Transport transport) {
        if (pollCursor != null && transport != Transport.LONG_POLLING) {
            throw UserError.usage("--poll-cursor applies to --transport long-polling only, not " + transport.id());
        }
        if (transport != Transport.WEBSOCKET) {
            String wsOnly = onOpen != null ? "--on-open" : onOpenFile != null ? "--on-open-file" : compression ? "--ws-compression" : binary ? "--binary" : null;
            if (wsOnly != null) {
                throw UserError.usage(wsOnly + " applies to websocket only, not " + transport.id()
                        + " (HTTP transports subscribe with query parameters and -H headers)");
            }
        }
        PollCursorStrategy cursor;
        try {
            cursor = pollCursor == null ? PollCursorStrategy.PUSHBENCH : PollCursorStrategy.parse(pollCursor);
        } catch (IllegalArgumentException e) {
            throw UserError.usage("--poll-cursor: " + e.getMessage());
        }
        return new ProtocolOptions(cursor, onOpenMessage(), compression, binary);
    }

    private OnOpenMessage onOpenMessage() {
        if (onOpen != null && onOpenFile != null) {
            throw UserError.usage("--on-open and --on-open-file exclude each other: give the message or its file");
        }
        String text = onOpen;
        if (onOpenFile != null) {
            try {
                // The line end an editor puts at the end of a file is not part of the message.
                text = Files.readString(onOpenFile, StandardCharsets.UTF_8).replaceFirst("\r?\n$", "");
            } catch (NoSuchFileException e) {
                throw UserError.usage("--on-open-file " + onOpenFile + ": no such file");
            } catch (IOException e) {
                throw UserError.usage("--on-open-file " + onOpenFile + ": cannot read it: " + e.getMessage());
            }
        }
        if (text == null) {
            return null;
        }
        if (text.isEmpty()) {
            throw UserError.usage((onOpenFile != null ? "--on-open-file " + onOpenFile : "--on-open") + ": the message is empty");
        }
        return new OnOpenMessage(text);
    }
}
