// The index schema and its migrations. The version lives in the `meta` table (key
// 'schema_version'); a database is brought up to kSchemaVersion one step at a time, all steps in
// one transaction, so a crash or error mid-migration leaves the old version intact.
#pragma once

#include "store/database.h"
#include "xun/error.h"

namespace xun::core::schema {

inline constexpr int kSchemaVersion = 2;

// The version the database holds: 0 for a new, empty file. Fails for an SQLite file that holds
// tables but no `meta` (some other program's database).
Result<int> version(sql::Database& database);

// Applies the steps from the current version up to `target` (kSchemaVersion unless a test wants
// an older layout). Fails, changing nothing, for a database newer than this build knows.
Result<void> migrate(sql::Database& database, int target = kSchemaVersion);

}  // namespace xun::core::schema
