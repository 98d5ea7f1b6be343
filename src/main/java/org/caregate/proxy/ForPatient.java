package org.caregate.proxy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@link Viewing} parameter of a handler that shows or changes a patient's data. Before
 * the handler runs, {@link CareAccess} decides, for this request, whose data the signed-in person
 * is viewing and whether they may use this area with this access; a refusal never reaches the
 * handler. The authorisation-matrix test finds every handler by this annotation.
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface ForPatient {

    /** The page's areas: allowed when the grant covers any of them. Empty: any grant opens it (the home page). */
    Area[] value() default {};

    Access access() default Access.READ;
}
