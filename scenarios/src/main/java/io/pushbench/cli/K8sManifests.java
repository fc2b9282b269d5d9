package io.pushbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes objects of a sharded run: a ConfigMap holding the capacity options (one per line,
 * read by picocli as an {@code @file}), a headless Service through which the shards find shard 0
 * (the rendezvous) by name, and an Indexed Job of N pods, one shard each, never retried (a
 * restarted shard would be refused by the rendezvous anyway).
 *
 * @param name      names the Job, the Service and the ConfigMap
 * @param namespace the namespace, or null for the current one
 * @param image     the pushbench image
 * @param shards    N
 * @param port      the rendezvous port
 * @param linger    how long shard 0 keeps the collected results for {@code kubectl cp}, e.g. {@code 10m}
 * @param options   the capacity options, one argument per element
 */
record K8sManifests(String name, String namespace, String image, int shards, int port, String linger,
                    List<String> options) {

    static final String ARGS_FILE = "/etc/pushbench/args";
    static final String RESULTS = "/results";

    /** The rendezvous address, as the pods reach shard 0 through the headless Service. */
    String rendezvous() {
        return name + "-0." + name + ":" + port;
    }

    /** The three objects as one YAML stream. */
    String yaml() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
        try {
            return "---\n" + yaml.writeValueAsString(configMap()) + "---\n" + yaml.writeValueAsString(service())
                    + "---\n" + yaml.writeValueAsString(job());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A map that keeps the order its keys are given in, so the YAML reads as written. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private Map<String, Object> metadata(String objectName) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", objectName);
        if (namespace != null) {
            meta.put("namespace", namespace);
        }
        meta.put("labels", ordered("app.kubernetes.io/name", "pushbench", "app.kubernetes.io/instance", name));
        return meta;
    }

    Map<String, Object> configMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("apiVersion", "v1");
        map.put("kind", "ConfigMap");
        map.put("metadata", metadata(name + "-options"));
        map.put("data", ordered("args", String.join("\n", options.stream().map(K8sManifests::quote).toList()) + "\n"));
        return map;
    }

    /** One argument as picocli's @file reads it: quoted when it holds blanks or quotes. */
    private static String quote(String arg) {
        if (arg.isEmpty() || arg.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'' || c == '#')) {
            return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return arg;
    }

    Map<String, Object> service() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("clusterIP", "None");
        // Shards look shard 0 up before it is ready: publish its address at once.
        spec.put("publishNotReadyAddresses", true);
        spec.put("selector", ordered("job-name", name));
        spec.put("ports", List.of(ordered("name", "rendezvous", "port", port, "targetPort", port)));
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("apiVersion", "v1");
        service.put("kind", "Service");
        service.put("metadata", metadata(name));
        service.put("spec", spec);
        return service;
    }

    Map<String, Object> job() {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", "shard");
        container.put("image", image);
        container.put("args", List.of("capacity", "@" + ARGS_FILE, "--out", RESULTS + "/shard", "--collect",
                RESULTS + "/all", "--linger", linger));
        container.put("env", List.of(
                ordered("name", ShardOptions.SHARDS_ENV, "value", Integer.toString(shards)),
                ordered("name", ShardOptions.RENDEZVOUS_ENV, "value", rendezvous())));
        container.put("ports", List.of(ordered("name", "rendezvous", "containerPort", port)));
        container.put("volumeMounts", List.of(
                ordered("name", "options", "mountPath", "/etc/pushbench"),
                ordered("name", "results", "mountPath", RESULTS)));
        Map<String, Object> podSpec = new LinkedHashMap<>();
        podSpec.put("subdomain", name);
        podSpec.put("restartPolicy", "Never");
        podSpec.put("containers", List.of(container));
        podSpec.put("volumes", List.of(
                ordered("name", "options", "configMap", ordered("name", name + "-options")),
                ordered("name", "results", "emptyDir", ordered())));
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("metadata", ordered("labels", ordered("app.kubernetes.io/name", "pushbench",
                "app.kubernetes.io/instance", name)));
        template.put("spec", podSpec);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("completionMode", "Indexed");
        spec.put("completions", shards);
        spec.put("parallelism", shards);
        // No retries: a shard that failed is named in the merged result; a second attempt would be refused.
        spec.put("backoffLimitPerIndex", 0);
        spec.put("maxFailedIndexes", shards);
        spec.put("template", template);
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("apiVersion", "batch/v1");
        job.put("kind", "Job");
        job.put("metadata", metadata(name));
        job.put("spec", spec);
        return job;
    }
}
