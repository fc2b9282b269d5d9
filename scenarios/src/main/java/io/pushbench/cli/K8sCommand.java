package io.pushbench.cli;

import io.pushbench.core.spec.ShardSlice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code pushbench k8s --shards N [options] -- CAPACITY-OPTIONS > job.yaml}: writes the Kubernetes
 * objects of a sharded capacity run ({@link K8sManifests}) to standard output.
 */
@Command(name = "k8s", sortOptions = false, mixinStandardHelpOptions = true,
        exitCodeListHeading = PushBench.EXIT_CODES_HEADING,
        exitCodeList = {PushBench.EXIT_CODE_OK, PushBench.EXIT_CODE_USAGE},
        description = {"Write the Kubernetes manifests of a sharded capacity run: an Indexed Job of N shards, a "
                + "headless Service for the rendezvous, a ConfigMap with the options.",
            "Example: pushbench k8s --shards 40 --image registry/pushbench:0.1 -- --url ws://server:8080/ws "
                + "--mode echo --connections 400000 --rate 20000 > job.yaml"})
final class K8sCommand implements Callable<Integer> {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,40}[a-z0-9])?");
    /** Options the manifests set for every pod themselves. */
    private static final Set<String> SET_BY_MANIFEST = Set.of("--shard", "--out", "--rendezvous", "--collect",
            "--linger", "--external-rendezvous");

    @Spec
    private picocli.CommandLine.Model.CommandSpec command;

    @Option(names = "--shards", required = true, paramLabel = "N", description = "Shards (pods) of the run.")
    private int shards;

    @Option(names = "--image", paramLabel = "IMAGE",
            description = "The pushbench image (built from the Dockerfile). Default: ${DEFAULT-VALUE}.")
    private String image = "pushbench:latest";

    @Option(names = "--name", paramLabel = "NAME",
            description = "Name of the Job, Service and ConfigMap (a DNS label). Default: ${DEFAULT-VALUE}.")
    private String name = "pushbench";

    @Option(names = "--namespace", paramLabel = "NS", description = "Namespace. Default: the current one.")
    private String namespace;

    @Option(names = "--port", paramLabel = "PORT", description = "Rendezvous port. Default: ${DEFAULT-VALUE}.")
    private int port = ShardOptions.DEFAULT_PORT;

    @Option(names = "--linger", paramLabel = "DURATION",
            description = "How long shard 0 keeps the merged results for 'kubectl cp'. Default: ${DEFAULT-VALUE}.")
    private String linger = "10m";

    @Parameters(paramLabel = "CAPACITY-OPTIONS", arity = "1..*",
            description = "The options of 'pushbench capacity' for the whole run (after --), as for one machine: "
                    + "each shard takes its share.")
    private List<String> options = new ArrayList<>();

    @Override
    public Integer call() {
        try {
            new ShardSlice(0, shards);
        } catch (IllegalArgumentException e) {
            throw UserError.usage("--shards: " + e.getMessage());
        }
        if (!NAME.matcher(name).matches()) {
            throw UserError.usage("--name " + name + ": a DNS label of lower-case letters, digits and '-', at most "
                    + "42 characters");
        }
        for (String option : options) {
            String flag = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
            if (SET_BY_MANIFEST.contains(flag)) {
                throw UserError.usage(flag + " is set by the manifests for every pod: leave it out");
            }
        }
        command.commandLine().getOut().print(new K8sManifests(name, namespace, image, shards, port, linger,
                options).yaml());
        command.commandLine().getOut().flush();
        return 0;
    }
}
