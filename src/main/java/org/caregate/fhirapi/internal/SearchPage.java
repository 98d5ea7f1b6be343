package org.caregate.fhirapi.internal;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.InstantType;
import org.jspecify.annotations.Nullable;

/**
 * One page of a search, paged by offset: HAPI writes the {@code self} link, a {@code next} link
 * ({@code _offset} and {@code _count} added to the same search) when more follow and a
 * {@code previous} link after the first page. Nothing is kept on the server between pages, so any
 * node answers the next one. Matches are not counted: a search that fits on its first page says
 * how many it found ({@code total}), a longer one does not.
 */
final class SearchPage implements IBundleProvider {

    private final List<IBaseResource> resources;
    private final int offset;
    private final int size;
    private final boolean more;
    private final InstantType published = InstantType.now();

    SearchPage(List<? extends IBaseResource> resources, int offset, int size, boolean more) {
        this.resources = List.copyOf(resources);
        this.offset = offset;
        this.size = size;
        this.more = more;
    }

    @Override
    public List<IBaseResource> getResources(int fromIndex, int toIndex) {
        // HAPI asks for the whole page: this page is all there is.
        return resources.subList(Math.min(fromIndex, resources.size()), Math.min(toIndex, resources.size()));
    }

    @Override
    public Integer getCurrentPageOffset() {
        return offset;
    }

    @Override
    public Integer getCurrentPageSize() {
        return size;
    }

    @Override
    public @Nullable String getNextPageId() {
        return more ? "next" : null;
    }

    @Override
    public @Nullable String getPreviousPageId() {
        return offset > 0 ? "previous" : null;
    }

    @Override
    public IPrimitiveType<Date> getPublished() {
        return published;
    }

    @Override
    public @Nullable String getUuid() {
        return null;
    }

    @Override
    public Integer preferredPageSize() {
        return size;
    }

    /**
     * Known only when the first page holds every match. Without it (and without a next or previous
     * page) HAPI would guess a next link from a full page.
     */
    @Override
    public @Nullable Integer size() {
        return offset == 0 && !more ? resources.size() : null;
    }

    @Override
    public boolean isEmpty() {
        return resources.isEmpty();
    }
}
