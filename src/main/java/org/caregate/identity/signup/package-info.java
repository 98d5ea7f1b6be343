/**
 * Sign-up at {@code /{org}/sign-up}: with an activation code and date of birth, or by identity
 * proofing (legal name, date of birth and a record number, e-mail or mobile on file) followed by a
 * one-time code sent to a contact already on file; then a username and password. Internal to the
 * identity module.
 */
@NullMarked
package org.caregate.identity.signup;

import org.jspecify.annotations.NullMarked;
