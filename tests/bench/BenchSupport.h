#pragma once

// What every bench shares: latency samples with their percentiles, and running a helper program.

#include <QFile>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace Bursar::BenchSupport {

// Latency samples in milliseconds (timings, not money).
struct Stats
{
    QList<double> ms;
    void add(double v) { ms << v; }
    double pct(double p) const
    {
        if (ms.isEmpty())
            return 0;
        QList<double> s = ms;
        std::sort(s.begin(), s.end());
        const qsizetype i = std::min(s.size() - 1, qsizetype(std::ceil(p / 100.0 * double(s.size())) - 1));
        return s.at(std::max<qsizetype>(0, i));
    }
    double median() const { return pct(50); }
    double p95() const { return pct(95); }
    double max() const { return ms.isEmpty() ? 0 : *std::max_element(ms.begin(), ms.end()); }
};

// Runs a program to its end and returns its output; a failure ends the bench.
inline QString sh(const QString& program, const QStringList& args, int timeoutMs = 3600000)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs) || p.exitCode() != 0)
        qFatal("%s failed", qPrintable(program + u' ' + args.join(u' ')));
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

// The test cluster (BURSAR_TEST_PG_DIR, or the build's test-pg), started when it does not run, for the
// benches on the refund fixture; false after saying why.
inline bool startTestCluster(const char* bench)
{
    const QString dir = qEnvironmentVariableIsEmpty("BURSAR_TEST_PG_DIR") ? QStringLiteral(BURSAR_TEST_PG_DIR)
                                                                        : qEnvironmentVariable("BURSAR_TEST_PG_DIR");
    if (QFile::exists(dir + QStringLiteral("/dsn")))
        return true;
    if (QProcess::execute(QStringLiteral(BURSAR_SOURCE_DIR) + QStringLiteral("/run"),
                          {QStringLiteral("pg"), QStringLiteral("start"), dir, QStringLiteral("fast")})
        != 0) {
        std::fprintf(stderr, "%s: could not start PostgreSQL in %s\n", bench, qPrintable(dir));
        return false;
    }
    qputenv("BURSAR_TEST_PG_DIR", dir.toUtf8());
    return true;
}

} // namespace Bursar::BenchSupport
