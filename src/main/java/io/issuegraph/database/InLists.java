package io.issuegraph.database;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The values of an {@code IN (:values)} list, padded to a power of two by repeating the last, so that a query
 * is a few SQL texts, not one for each length its list has had. Connector/J keeps a server-side prepared
 * statement for each text on each connection ({@code prepStmtCacheSize}, 250), with its parameters' and columns'
 * metadata: the live outbox's lookups of 1 to 1,000 ids added one for each new length, about 13 KB each, up to
 * 65 MB across the two pools (docs/architecture.md#in-lists). A value twice in a list matches its rows once.
 */
public final class InLists {

    private InLists() {
    }

    /** The values, then the last of them again until there are a power of two; none stay none. */
    public static <T> List<T> padded(Collection<T> values) {
        int size = values.size();
        int padded = size <= 1 ? size : Integer.highestOneBit(size - 1) << 1;
        List<T> list = new ArrayList<>(padded);
        list.addAll(values);
        while (list.size() < padded) {
            list.add(list.get(size - 1));
        }
        return list;
    }
}
