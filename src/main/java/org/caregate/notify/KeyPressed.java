package org.caregate.notify;

import java.util.UUID;

/**
 * Published when the person on a {@link KeyPressCall} pressed a key. Whether it was the right key is
 * for the module that placed the call to decide.
 *
 * @param call the call's {@link KeyPressCall#ref()}
 * @param keys what was pressed: one of {@code 0-9}, {@code *} or {@code #}
 */
public record KeyPressed(UUID call, String keys) {}
