package org.caregate.platform.database;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded PostgreSQL started when no external database is configured.
 *
 * @param dataDirectory where the cluster lives; blank means a throw-away directory (tests)
 * @param port the port to listen on (loopback only); 0 picks a free one
 */
@ConfigurationProperties("caregate.database.embedded")
public record EmbeddedDatabaseProperties(@Nullable String dataDirectory, int port) {}
