#pragma once

// A panel offscreen as one console shows it, for the GUI tests (header-only: they link bursar_ui).
//   auto finance = Test::PanelConsole<Ui::RepairPanel>::open(fx.as(u"t_finance"_s));
//   finance->panel->model() ...
#include "ConsoleContext.h"
#include "TestSupport.h"

#include "db/Database.h"

#include <QTest>

#include <memory>

namespace Bursar::Test {

template<typename Panel>
struct PanelConsole
{
    std::unique_ptr<Db::Database> db;
    std::unique_ptr<Ui::ConsoleContext> context;
    std::unique_ptr<Panel> panel; // destroyed before the context it was built with

    ~PanelConsole()
    {
        panel.reset();
        context.reset();
        db.reset();
    }

    // Opened as the login, shown at 1400x900, and waited for until PostgreSQL said who the staff member is.
    static std::unique_ptr<PanelConsole> open(const Db::ConnectionConfig& login)
    {
        auto c = std::make_unique<PanelConsole>();
        c->db = std::make_unique<Db::Database>(login);
        await(c->db->open());
        c->context = std::make_unique<Ui::ConsoleContext>(nullptr, nullptr);
        c->panel = std::make_unique<Panel>(*c->context);
        c->panel->resize(1400, 900);
        c->panel->show();
        c->context->setDatabase(c->db.get());
        [[maybe_unused]] const bool staff = QTest::qWaitFor([&] { return c->context->hasStaff(); }, 15000);
        return c;
    }
};

} // namespace Bursar::Test
