-- Verification of the demo data (and of any database): every row should show failures = 0.
-- Requires demo_data.sql to have been applied (it defines bursar_demo.check()).
SELECT check_name, failures FROM bursar_demo.check();
