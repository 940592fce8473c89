#include "Cli.h"

#include "db/Database.h"
#include "db/Migrations.h"

using namespace Qt::StringLiterals;

namespace Bursar::Cli {
namespace {

int migrate(Context& ctx)
{
    Db::Database* db = ctx.database();
    if (!db)
        return DatabaseUnavailable;
    const auto applied = db->run([](Db::Session& s) { return Db::Migrations::apply(s); }).result();
    const int version = db->run([](Db::Session& s) { return Db::Migrations::currentVersion(s); }).result();
    if (ctx.json) {
        QStringList v;
        for (int a : applied)
            v << QString::number(a);
        ctx.out << u"{\"applied\":[%1],\"version\":%2}"_s.arg(v.join(u','), QString::number(version)) << Qt::endl;
    } else if (applied.isEmpty()) {
        ctx.out << "The schema is current (version " << version << ")." << Qt::endl;
    } else {
        ctx.out << "Applied " << applied.size() << " migration(s); the schema is at version " << version << '.'
                << Qt::endl;
    }
    return Ok;
}

const Registration r{{u"migrate"_s, u"migrate"_s, u"apply the schema migrations this binary carries"_s, migrate}};

} // namespace
} // namespace Bursar::Cli
