/**
 * The sign-in throttle: slows down and temporarily locks password guessing without letting any
 * single attacker lock a patient out for good. Per client address softly (waits, never locks),
 * per account firmly (waits, then locks that end on their own), with separate counters for each
 * device the account has signed in from. Counters live in PostgreSQL, shared by every node.
 *
 * <p>Internal to the identity module: its sign-in code calls {@link
 * org.caregate.identity.throttle.SignInThrottle}; password-reset code listens to {@link
 * org.caregate.identity.throttle.SignInLockStarted}.
 */
@NullMarked
package org.caregate.identity.throttle;

import org.jspecify.annotations.NullMarked;
