/**
 * Activation codes: issued by staff ({@code /staff/activation}) or the EHR through
 * {@link org.caregate.identity.ActivationCodes}, stored as keyed hashes, redeemed once at sign-up.
 * Internal to the identity module; the sign-up pages use {@link
 * org.caregate.identity.activation.ActivationCodeRedemption}.
 */
@NullMarked
package org.caregate.identity.activation;

import org.jspecify.annotations.NullMarked;
