package dev.promptly.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretRefTest {
    @Test
    void referencesAreEqualExactlyWhenSchemeAndNameAre() {
        // given references parsed from configuration text
        SecretRef ssm = SecretRef.parse("ssm:/promptly/acme/webhook");

        // when compared with the same, another name, and the same name in another scheme
        Set<SecretRef> set = Set.of(ssm);

        // then only the same scheme and name is equal, with an equal hash
        assertEquals(new SecretRef(SecretRef.Scheme.SSM, "/promptly/acme/webhook"), ssm);
        assertEquals(new SecretRef(SecretRef.Scheme.SSM, "/promptly/acme/webhook").hashCode(), ssm.hashCode());
        assertEquals(true, set.contains(SecretRef.parse("ssm:/promptly/acme/webhook")));
        assertNotEquals(SecretRef.parse("ssm:/promptly/acme/agent"), ssm);
        assertNotEquals(SecretRef.parse("secretsmanager:/promptly/acme/webhook"), ssm);
        assertNotEquals(ssm, "ssm:/promptly/acme/webhook");
    }
}
