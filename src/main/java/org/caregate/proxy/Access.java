package org.caregate.proxy;

/** What a caregiver may do in an area: read it, or read it and act there (book, send, pay, request). */
public enum Access {
    READ,
    ACT;

    /** Whether a grant of this access allows what a page needs. */
    public boolean covers(Access needed) {
        return this == ACT || needed == READ;
    }
}
