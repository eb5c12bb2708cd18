package io.issuegraph.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who counts as a member (environment {@code ISSUEGRAPH_IDENTITY_REQUIRED_ROLE}).
 *
 * @param requiredRole when set, a role the caller's {@code app_metadata.roles} must hold for anything but
 *     {@code me} and {@code deleteMyAccount}; admins always pass
 */
@ConfigurationProperties("issuegraph.identity")
public record MembershipProperties(String requiredRole) {

    public MembershipProperties {
        requiredRole = requiredRole == null || requiredRole.isBlank() ? null : requiredRole.strip();
    }
}
