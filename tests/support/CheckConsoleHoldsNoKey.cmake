# Fails when the console (ui/, models/, app/main.cpp) could reach Stripe or move money itself: only the
# agent (app/agent, bursar-cli agent) holds the Stripe key, sends requests and records Stripe's answers.
# -DPLANT=FILE adds one more file to the scan (the check's own test plants a forbidden line there).
file(GLOB_RECURSE files ${ROOT}/ui/*.cpp ${ROOT}/ui/*.h ${ROOT}/models/*.cpp ${ROOT}/models/*.h)
list(APPEND files ${ROOT}/app/main.cpp)
if(PLANT)
    list(APPEND files ${PLANT})
endif()
set(forbidden "StripeClient|StripeConfig|BURSAR_STRIPE_KEY|OperationJournal|RefundDriver|agent/Agent\\.h|\
bursar_apply_refund_result|bursar_operations_claim|bursar_operation_postpone|bursar_operation_attention|\
bursar_release_escrow|bursar_release_due_escrow|bursar_audit\\(")
set(bad "")
foreach(f ${files})
    file(STRINGS ${f} lines REGEX "${forbidden}")
    if(lines)
        list(APPEND bad "${f}: ${lines}")
    endif()
endforeach()
if(bad)
    string(REPLACE ";" "\n" bad "${bad}")
    message(FATAL_ERROR "The console must not hold the Stripe key or record Stripe's answers:\n${bad}")
endif()
message(STATUS "ui/, models/ and app/main.cpp hold no Stripe key and drive no journal")
