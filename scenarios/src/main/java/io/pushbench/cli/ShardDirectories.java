package io.pushbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The {@code shard-I} directories a rendezvous collected the shards' uploads into. */
final class ShardDirectories {

    private ShardDirectories() {
    }

    static List<Path> in(Path collect) {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> children = Files.list(collect)) {
            children.filter(p -> p.getFileName().toString().startsWith("shard-") && Files.isDirectory(p))
                    .sorted().forEach(dirs::add);
        } catch (IOException e) {
            throw UserError.failure("--collect " + collect + ": " + e.getMessage());
        }
        return dirs;
    }
}
