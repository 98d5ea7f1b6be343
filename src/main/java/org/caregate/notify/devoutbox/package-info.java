/** The demo's copy of every message sent, at {@code /dev/outbox}; never in production. */
@NullMarked
package org.caregate.notify.devoutbox;

import org.jspecify.annotations.NullMarked;
