package com.onward.usage;

import java.util.List;
import java.util.UUID;

/** Usage of these accounts was counted into their rollups (published once per count, after many batches). */
public record UsageRecorded(List<UUID> accountIds) {
}
