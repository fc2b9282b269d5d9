package io.pushbench.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pushbench k8s}: the manifests are parsed into the Kubernetes object model (fabric8), failing
 * on any field the model does not know, and checked as objects, not as text.
 */
class K8sCommandTest {

    private static final ObjectMapper STRICT = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void writesAnIndexedJobAHeadlessServiceAndTheOptions() throws IOException {
        CliTestSupport.Run run = CliTestSupport.run("k8s", "--shards", "40", "--image", "registry.example/pushbench:0.1",
                "--name", "load", "--", "--url", "ws://push.example:8080/ws", "--mode", "echo", "--connections",
                "400000", "--rate", "20000", "--slo", "p99<50ms, errors<0.1%");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<Map<?, ?>> documents = documents(run.out());
        assertThat(documents.stream().map(d -> String.valueOf(d.get("kind"))).toList())
                .containsExactly("ConfigMap", "Service", "Job");

        Job job = STRICT.convertValue(documents.get(2), Job.class);
        assertThat(job.getApiVersion()).isEqualTo("batch/v1");
        JobSpec spec = job.getSpec();
        assertThat(spec.getCompletionMode()).isEqualTo("Indexed");
        assertThat(spec.getCompletions()).isEqualTo(40);
        assertThat(spec.getParallelism()).isEqualTo(40);
        assertThat(spec.getBackoffLimitPerIndex()).as("no retries per index").isZero();
        assertThat(spec.getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(spec.getTemplate().getSpec().getSubdomain()).isEqualTo("load");
        Container container = spec.getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("registry.example/pushbench:0.1");
        assertThat(container.getArgs()).startsWith("capacity", "@" + K8sManifests.ARGS_FILE).contains("--collect");
        assertThat(container.getEnv()).extracting(EnvVar::getName, EnvVar::getValue).contains(
                org.assertj.core.groups.Tuple.tuple("PUSHBENCH_SHARDS", "40"),
                org.assertj.core.groups.Tuple.tuple("PUSHBENCH_RENDEZVOUS", "load-0.load:7070"));

        Service service = STRICT.convertValue(documents.get(1), Service.class);
        assertThat(service.getSpec().getClusterIP()).as("headless").isEqualTo("None");
        assertThat(service.getMetadata().getName()).isEqualTo(spec.getTemplate().getSpec().getSubdomain());
        assertThat(service.getSpec().getSelector()).containsEntry("job-name", "load");

        ConfigMap options = STRICT.convertValue(documents.get(0), ConfigMap.class);
        assertThat(options.getMetadata().getName()).isEqualTo("load-options");
        // The options file is what the pods' capacity command reads as an @file: the same arguments come back, the
        // quoted one whole, and capacity accepts them.
        CommandLine.ParseResult parsed = new CommandLine(new CapacityCommand())
                .parseArgs("@" + writeTemp(options.getData().get("args")));
        assertThat(parsed.expandedArgs()).containsExactly("--url", "ws://push.example:8080/ws", "--mode", "echo",
                "--connections", "400000", "--rate", "20000", "--slo", "p99<50ms, errors<0.1%");
    }

    @Test
    void optionsTheManifestsSetThemselvesAreRefused() {
        CliTestSupport.Run run = CliTestSupport.run("k8s", "--shards", "4", "--", "--url", "ws://x/ws", "--mode",
                "echo", "--shard", "0/4");
        CliTestSupport.assertOneLineError(run, "--shard", "set by the manifests");
    }

    private static List<Map<?, ?>> documents(String yaml) throws IOException {
        List<Map<?, ?>> out = new ArrayList<>();
        try (MappingIterator<Map<?, ?>> it = new ObjectMapper(new YAMLFactory()).readerFor(Map.class)
                .readValues(yaml)) {
            while (it.hasNext()) {
                Map<?, ?> doc = it.next();
                if (doc != null && !doc.isEmpty()) {
                    out.add(doc);
                }
            }
        }
        return out;
    }

    private static String writeTemp(String content) throws IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("pushbench-args", ".txt");
        file.toFile().deleteOnExit();
        java.nio.file.Files.writeString(file, content);
        return file.toString();
    }
}
