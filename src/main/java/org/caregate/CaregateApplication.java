package org.caregate;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Caregate: the patient portal. One application, one PostgreSQL database, stateless nodes. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CaregateApplication {

    public static void main(String[] args) {
        SpringApplication.run(CaregateApplication.class, args);
    }
}
