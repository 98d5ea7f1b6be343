/** What happened on key-press calls, from whichever source reports it, published as the module's events. */
@NullMarked
package org.caregate.notify.calls;

import org.jspecify.annotations.NullMarked;
