#pragma once
// Backup and restore of the whole database (issue 9 §8), while the server runs for a backup:
//   SQLite     — the online backup API (sqlite3_backup_*), a consistent copy page by page even
//                while other connections write; restore copies a backup file back the same way.
//   PostgreSQL — pg_dump in its custom format, and pg_restore --clean into the database.
// A restore replaces everything: the server must be stopped first (operations.md says how).
#include <string>

#include "core/error.hpp"

namespace skillreg {

Status backup_database(const std::string& url, const std::string& file);
Status restore_database(const std::string& url, const std::string& file);

}  // namespace skillreg
