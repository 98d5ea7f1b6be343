/**
 * The second factors' internals: the RFC 6238 computation, seed encryption, QR codes and the
 * tables. Nothing outside the {@code mfa} module uses them.
 */
@NullMarked
package org.caregate.mfa.internal;

import org.jspecify.annotations.NullMarked;
