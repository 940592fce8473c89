#pragma once

#include <QFuture>
#include <QString>

namespace Bursar::Db {
class Database;
}

namespace Bursar::Services {

// The audit log's hash chain, checked outside the database: each row's hash must be
// sha256(previous row's hash || its canonical content) (bursar_audit_content, migration 0007), and each
// row's prev_hash the hash of the row before it. A changed row breaks its own hash; a removed or
// inserted row breaks the link of the row after it.
struct AuditVerification
{
    qint64 checked = 0;       // rows read
    qint64 firstBroken = 0;   // 0: the chain holds
    QString problem;          // for people, naming the row
    QString headHash;         // hex of the last row's hash

    bool ok() const { return firstBroken == 0; }

    // Rows with from <= id <= to (0: no bound), read in keyset pages on the database worker.
    static QFuture<AuditVerification> run(Db::Database* db, qint64 from = 0, qint64 to = 0);
};

} // namespace Bursar::Services
