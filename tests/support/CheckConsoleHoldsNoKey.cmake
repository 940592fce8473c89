# Fails when the console (ui/, models/, app/main.cpp) could reach Stripe or move money itself: only the
# agent (app/agent, bursar-cli agent) holds the Stripe key, sends requests and records Stripe's answers.
# -DPLANT=FILE adds one more file to the scan (the check's own test plants a forbidden line there).
include(${CMAKE_CURRENT_LIST_DIR}/ConsoleSources.cmake)
set(forbidden "StripeClient|StripeConfig|BURSAR_STRIPE_KEY|OperationJournal|RefundDriver|agent/Agent\\.h|\
bursar_apply_refund_result|bursar_operations_claim|bursar_operation_postpone|bursar_operation_attention|\
bursar_release_escrow|bursar_release_due_escrow|bursar_audit\\(")
bursar_forbid("${forbidden}" "The console must not hold the Stripe key or record Stripe's answers"
              ${console_sources} ${ROOT}/app/main.cpp)
message(STATUS "ui/, models/ and app/main.cpp hold no Stripe key and drive no journal")
