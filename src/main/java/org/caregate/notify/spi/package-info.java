/** The pluggable part of notifications: one {@link org.caregate.notify.spi.Gateway} per channel. */
@NullMarked
package org.caregate.notify.spi;

import org.jspecify.annotations.NullMarked;
