package org.caregate.platform.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.util.StringUtils;

/**
 * Starts a real PostgreSQL, shipped as a Maven artifact, when no external database is configured,
 * so that {@code ./mvnw spring-boot:run} needs no set-up. Its data directory survives restarts. The
 * {@code prod} profile never starts it.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!prod")
@Conditional(NoExternalDatabase.class)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
        var builder = EmbeddedPostgres.builder()
                .setPort(properties.port())
                .setPGStartupWait(Duration.ofSeconds(60))
                // Spring stops the server as the last bean, after the workers and the connection
                // pool; the library's own JVM hook would race them and leave workers waiting on a
                // database that is gone.
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100");
        if (StringUtils.hasText(properties.dataDirectory())) {
            Path directory = Path.of(properties.dataDirectory()).toAbsolutePath().normalize();
            Files.createDirectories(directory);
            StaleServer.stopIfRunning(directory);
            // The library's defaults trade durability for speed (fsync and synchronous commit off);
            // a database that is kept must not lose a committed change to a power cut.
            builder.setDataDirectory(directory).setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
            log.info("Starting embedded PostgreSQL with its data in {}", directory);
        } else {
            log.info("Starting embedded PostgreSQL in a throw-away directory");
        }
        return builder.start();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        var config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true");
        config.setUsername("postgres");
        config.setPoolName("caregate-embedded");
        config.setMaximumPoolSize(20);
        return new HikariDataSource(config);
    }
}
