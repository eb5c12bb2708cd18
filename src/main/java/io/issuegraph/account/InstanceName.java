package io.issuegraph.account;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Names this instance in claims: the host name, and a random part that tells two instances on one host apart. */
@Component
class InstanceName {

    private final String value = hostName() + "/" + UUID.randomUUID();

    String value() {
        return value;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException noName) {
            return "instance";
        }
    }
}
