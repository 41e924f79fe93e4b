package io.tally.broker;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The users a SASL/PLAIN listener accepts, plus one generated for the broker itself, which must
 * authenticate to its own listeners like any client (for transaction markers, and to reach its
 * controller). The broker's password is random for each start and never leaves this process.
 *
 * <p>Note: PLAIN sends passwords as they are, and the listeners here are not encrypted; this
 * is for local development and tests on loopback, not for a network.
 */
final class SaslPlainUsers {

    static final String MECHANISM = "PLAIN";
    static final String SECURITY_PROTOCOL = "SASL_PLAINTEXT";
    private static final String LOGIN_MODULE =
        "org.apache.kafka.common.security.plain.PlainLoginModule";
    private static final String BROKER_USER = "tally-embedded-broker";

    private final Map<String, String> users;
    private final String brokerPassword;

    SaslPlainUsers(Map<String, String> users) {
        users.forEach(SaslPlainUsers::requirePlain);
        if (users.containsKey(BROKER_USER)) {
            throw new IllegalArgumentException("User name " + BROKER_USER + " is the broker's"
                + " own; choose another.");
        }
        this.users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        this.brokerPassword = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The names of the users, for messages; never their passwords. */
    Set<String> names() {
        return users.keySet();
    }

    /** The listener's JAAS entry: the broker's own login, then every user it accepts. */
    String serverJaasConfig() {
        StringBuilder jaas = new StringBuilder(LOGIN_MODULE).append(" required")
            .append(" username=\"").append(BROKER_USER).append('"')
            .append(" password=\"").append(brokerPassword).append('"')
            .append(" user_").append(BROKER_USER).append("=\"").append(brokerPassword)
            .append('"');
        users.forEach((name, password) ->
            jaas.append(" user_").append(name).append("=\"").append(password).append('"'));
        return jaas.append(';').toString();
    }

    /** Client settings that log in as the broker, for its own readiness probe. */
    Map<String, Object> brokerClientProperties() {
        return new LinkedHashMap<>(clientProperties(BROKER_USER, brokerPassword));
    }

    /** The settings a Kafka client needs to log in as {@code user}. */
    static Map<String, String> clientProperties(String user, String password) {
        requirePlain(user, password);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("security.protocol", SECURITY_PROTOCOL);
        properties.put("sasl.mechanism", MECHANISM);
        properties.put("sasl.jaas.config", LOGIN_MODULE + " required username=\"" + user
            + "\" password=\"" + password + "\";");
        return Collections.unmodifiableMap(properties);
    }

    private static void requirePlain(String user, String password) {
        if (user.isEmpty() || !user.chars().allMatch(c -> Character.isLetterOrDigit(c)
                || c == '-' || c == '_' || c == '.')) {
            throw new IllegalArgumentException("SASL user name '" + user + "' must be letters,"
                + " digits, '-', '_' or '.'.");
        }
        if (password.isEmpty() || password.chars().anyMatch(c -> c == '"' || c == '\\'
                || Character.isISOControl(c))) {
            throw new IllegalArgumentException("The password of SASL user " + user + " must not"
                + " be empty or hold quotes, backslashes or control characters.");
        }
    }
}
