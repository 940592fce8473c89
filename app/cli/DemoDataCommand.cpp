#include "Cli.h"

#include "db/Database.h"

#include <QElapsedTimer>
#include <QFile>

using namespace Qt::StringLiterals;

namespace Bursar::Cli {
namespace {

struct Counts
{
    QList<QPair<QString, qint64>> rows;
    QList<QPair<QString, qint64>> failedChecks;
};

int demoData(Context& ctx)
{
    QString error;
    const qint64 orders = intOption(ctx.args, u"--orders"_s, 200000, 1, 50000000, &error);
    const qint64 sellers = intOption(ctx.args, u"--sellers"_s, 2000, 1, 1000000, &error);
    const qint64 seed = intOption(ctx.args, u"--seed"_s, 42, 0, 2147483647, &error);
    const bool replace = flag(ctx.args, u"--replace"_s);
    if (!error.isEmpty()) {
        ctx.err << "bursar-cli demo-data: " << error << Qt::endl;
        return Usage;
    }
    Db::Database* db = ctx.database();
    if (!db)
        return DatabaseUnavailable;
    QFile script(u":/sql/demo_data.sql"_s);
    if (!script.open(QIODevice::ReadOnly)) {
        ctx.err << "bursar-cli: the demo data script is missing from this build" << Qt::endl;
        return Failed;
    }
    const QString sql = QString::fromUtf8(script.readAll());
    QElapsedTimer timer;
    timer.start();
    const Counts counts = db->run([=](Db::Session& s) {
                              Counts c;
                              s.execScript(sql);
                              auto& q = s.exec(u"SELECT entity, count FROM bursar_demo.generate(orders => ?, sellers => ?, seed => ?, replace => ?)"_s,
                                               {int(orders), int(sellers), int(seed), replace});
                              while (q.next())
                                  c.rows.append({q.value(0).toString(), q.value(1).toLongLong()});
                              auto& check = s.exec(u"SELECT check_name, failures FROM bursar_demo.check() WHERE failures <> 0"_s);
                              while (check.next())
                                  c.failedChecks.append({check.value(0).toString(), check.value(1).toLongLong()});
                              return c;
                          }, false)
                              .result();
    const double seconds = double(timer.elapsed()) / 1000.0;
    if (ctx.json) {
        QStringList parts;
        for (const auto& [entity, n] : counts.rows)
            parts << u"\"%1\":%2"_s.arg(entity).arg(n);
        ctx.out << u"{\"counts\":{%1},\"seconds\":%2,\"failed_checks\":%3}"_s.arg(parts.join(u','))
                       .arg(seconds, 0, 'f', 1)
                       .arg(counts.failedChecks.size())
                << Qt::endl;
    } else {
        for (const auto& [entity, n] : counts.rows)
            ctx.out << "  " << entity.leftJustified(24) << QString::number(n).rightJustified(12) << '\n';
        ctx.out << u"Generated in %1 s."_s.arg(seconds, 0, 'f', 1) << Qt::endl;
    }
    // present_* checks ask that every status occurs somewhere: small data sets may legitimately lack one.
    bool failed = false;
    for (const auto& [name, n] : counts.failedChecks) {
        const bool coverage = name.startsWith(u"present_"_s);
        ctx.err << (coverage ? "note: not every status occurs in data this small: " : "bursar-cli: demo data check failed: ")
                << name << " (" << n << ")" << Qt::endl;
        failed |= !coverage;
    }
    if (failed)
        return Failed;

    const QString statePath = option(ctx.args, u"--emulator-state"_s);
    if (!statePath.isEmpty()) {
        const QByteArray state = db->run([](Db::Session& s) {
                                       return s.scalar(u"SELECT bursar_demo.emulator_state()::text"_s).toString().toUtf8();
                                   })
                                     .result();
        QFile out(statePath);
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(state) != state.size()) {
            ctx.err << "bursar-cli: cannot write " << statePath << ": " << out.errorString() << Qt::endl;
            return Failed;
        }
        ctx.out << "Wrote the Stripe emulator state matching this data to " << statePath << " ("
                << state.size() / 1024 << " KiB)." << Qt::endl;
    }
    return Ok;
}

const Registration r{{u"demo-data"_s, u"demo-data [--orders N] [--sellers M] [--seed S] [--replace] [--emulator-state FILE]"_s,
                      u"generate consistent demo data server-side (and the matching emulator state)"_s, demoData}};

} // namespace
} // namespace Bursar::Cli
