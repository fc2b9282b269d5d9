package io.pushbench.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A scenario file: YAML whose keys are the long option names of a command without their dashes
 * ({@code rate: 1000}, {@code transports: [websocket, sse-http2]}, {@code duration: 10s}). A file
 * and the command line therefore set the same options, with the same conversions, defaults and
 * checks; options given on the command line win over the file's.
 */
final class ScenarioFile {

    /** Options a scenario may not set: where results go and how the console behaves are the runner's choice. */
    private static final Set<String> NOT_IN_FILES = Set.of("scenario", "out", "quiet", "help", "version");

    /** One {@code key: value} of the file, with where it stands. */
    record Entry(String key, String value, int line, int column) {
    }

    private final Path file;
    private final List<Entry> entries;

    private ScenarioFile(Path file, List<Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /**
     * Reads a scenario file and checks its keys against {@code command}'s options.
     *
     * @throws UserError naming the file, line, column and field of the first problem
     */
    static ScenarioFile read(Path file, CommandSpec command) {
        List<Entry> entries = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); JsonParser parser = new YAMLFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw error(file, parser.currentLocation(), "a scenario is a map of option: value");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonLocation at = parser.currentTokenLocation();
                if (NOT_IN_FILES.contains(key) || command.findOption("--" + key) == null) {
                    throw error(file, at, "unknown field '" + key + "' (valid: " + validKeys(command) + ")");
                }
                entries.add(new Entry(key, value(parser, file), at.getLineNr(), at.getColumnNr()));
            }
        } catch (NoSuchFileException e) {
            throw UserError.usage("--scenario " + file + ": no such file");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw UserError.usage(file + (at == null ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + ": malformed YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw UserError.usage("--scenario " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        return new ScenarioFile(file, entries);
    }

    /** A scalar as text, or a list of scalars joined with commas (how list options are written on the command line). */
    private static String value(JsonParser parser, Path file) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.START_ARRAY) {
            List<String> items = new ArrayList<>();
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (!token.isScalarValue()) {
                    throw error(file, parser.currentLocation(), "field '" + parser.currentName()
                            + "' takes a list of plain values");
                }
                items.add(parser.getText());
            }
            return String.join(",", items);
        }
        if (!token.isScalarValue()) {
            throw error(file, parser.currentLocation(), "field '" + parser.currentName() + "' takes a plain value");
        }
        return parser.getText();
    }

    /**
     * The file as command-line arguments, leaving out the options in {@code givenOnCommandLine}
     * (long names with dashes) so that the command line wins.
     */
    List<String> arguments(CommandSpec command, Set<String> givenOnCommandLine) {
        List<String> args = new ArrayList<>();
        for (Entry e : entries) {
            String option = "--" + e.key();
            if (givenOnCommandLine.contains(option)) {
                continue;
            }
            OptionSpec spec = command.findOption(option);
            if (spec.type() == boolean.class || spec.type() == Boolean.class) {
                if (Boolean.parseBoolean(e.value())) {
                    args.add(option);
                }
            } else {
                args.add(option + "=" + e.value());
            }
        }
        return args;
    }

    /** Where the file sets {@code option} (long name with dashes), for error messages; null if it does not. */
    String locate(String option) {
        for (Entry e : entries) {
            if (("--" + e.key()).equals(option)) {
                return file + " line " + e.line() + ", field " + e.key();
            }
        }
        return null;
    }

    /** The scenario's name: the file name without its extension. */
    String name() {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static UserError error(Path file, JsonLocation at, String message) {
        return UserError.usage(file + " line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + message);
    }

    private static String validKeys(CommandSpec command) {
        Set<String> keys = new TreeSet<>();
        for (OptionSpec option : command.options()) {
            String key = option.longestName().replaceFirst("^--", "");
            if (!NOT_IN_FILES.contains(key)) {
                keys.add(key);
            }
        }
        return String.join(", ", keys);
    }
}
