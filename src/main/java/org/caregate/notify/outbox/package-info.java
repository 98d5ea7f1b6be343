/** Queueing and sending: the outbox table, the worker every node runs, and its schedule. */
@NullMarked
package org.caregate.notify.outbox;

import org.jspecify.annotations.NullMarked;
