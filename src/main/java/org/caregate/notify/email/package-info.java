/** E-mail through SMTP. */
@NullMarked
package org.caregate.notify.email;

import org.jspecify.annotations.NullMarked;
