# Fails when code that runs on the GUI thread (ui/, models/) talks to the database itself: no QtSql,
# no Db::Session (only a repository in app/db may hold one, on a Database worker), no statement run,
# and no SQL text at all. Models and panels call a repository's QFuture functions (app/db/*Repository.h).
# -DPLANT=FILE adds one more file to the scan (the check's own test plants a forbidden line there).
include(${CMAKE_CURRENT_LIST_DIR}/ConsoleSources.cmake)
# QtSql and blocking waits
set(qtsql "QSqlQuery|QSqlDatabase|QSqlDriver|#include <QtSql|QSqlRecord|waitForFinished\\(")
# A worker's Session or a statement run on one (QMenu::exec(pos) and QDialog::exec() stay allowed)
set(session "Db::Session|Session&|Session \\*|db/Session\\.h|\\.scalar\\(|\\.execScript\\(|\\.exec\\(u?\"")
# SQL text in a string literal: the statement shapes, in SQL's upper case (English UI text does not
# write "SELECT " or " FROM orders"), and calls of Bursar's SQL functions
set(sqltext "\"[^\"]*(SELECT |INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM| FROM [a-z_]+| WHERE [a-z_.]+ *[=<>(]|bursar_[a-z_]+\\()")
bursar_forbid("${qtsql}|${session}|${sqltext}"
              "SQL, a database Session or blocking waits in GUI-thread code (use a repository in app/db)"
              ${console_sources})
message(STATUS "ui/ and models/ hold no SQL, no Session and no QtSql: ${CMAKE_CURRENT_LIST_FILE}")
