package io.tally.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Checks that a cluster answers before any work starts, so that a wrong address or bad
 * credentials fail in seconds with a clear message instead of after a client's long retries.
 */
public final class ClusterProbe {

    private ClusterProbe() {
    }

    /**
     * Returns the number of brokers, or throws {@link KafkaUnavailableException}.
     *
     * @param admin a client for the cluster
     * @param bootstrapServers the address, for the message
     * @param timeout how long to wait
     */
    public static int check(Admin admin, String bootstrapServers, Duration timeout) {
        DescribeClusterOptions options =
            new DescribeClusterOptions().timeoutMs((int) timeout.toMillis());
        try {
            return admin.describeCluster(options).nodes()
                .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS).size();
        } catch (ExecutionException e) {
            throw explain(bootstrapServers, timeout, e.getCause());
        } catch (TimeoutException e) {
            throw explain(bootstrapServers, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("Interrupted while contacting Kafka", e);
        }
    }

    private static KafkaUnavailableException explain(String servers, Duration timeout,
            Throwable cause) {
        if (cause instanceof AuthenticationException) {
            return new KafkaUnavailableException("Kafka at " + servers + " rejected the"
                + " credentials: " + cause.getMessage() + ". Check the sasl.* / ssl.* settings"
                + " in the config file or --set.", cause);
        }
        if (cause instanceof AuthorizationException) {
            return new KafkaUnavailableException("Kafka at " + servers + " denied access: "
                + cause.getMessage() + ". Grant the principal access or use another one.", cause);
        }
        return new KafkaUnavailableException("Cannot reach Kafka at " + servers + " within "
            + timeout.toSeconds() + " s. Check --bootstrap-server and that the broker is up"
            + " (start one with 'tally broker').", cause);
    }
}
