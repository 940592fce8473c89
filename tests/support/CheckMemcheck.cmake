# Runs a test binary (EXE, with the test functions in FUNCTIONS, comma-separated) under valgrind's memcheck and
# fails when memory was used after it was freed, freed twice, or the binary did not run to its end.
# Timing checks inside the functions may fail under valgrind's slowness: the functions themselves are
# judged by their own ctest entry; this one judges memory only. Valgrind's reports of reads inside
# JIT-compiled code (regular expressions, pixman) are not about freed memory and do not count.
string(REPLACE "," ";" FUNCTIONS "${FUNCTIONS}")
execute_process(
    COMMAND valgrind --error-limit=no --num-callers=40 --log-file=${LOG} ${EXE} ${FUNCTIONS}
    OUTPUT_VARIABLE out ERROR_VARIABLE out RESULT_VARIABLE rc)
file(READ ${LOG} log)
string(FIND "${out}" "Totals:" ran)
if(ran EQUAL -1)
    message(FATAL_ERROR "${EXE} did not run to its end under valgrind (exit ${rc}):\n${out}\n${log}")
endif()
string(REGEX MATCHALL "(block of size [0-9]+ free'd|Invalid free|Mismatched free)" bad "${log}")
if(bad)
    message(FATAL_ERROR "memory used after it was freed (valgrind log ${LOG}):\n${log}")
endif()
message(STATUS "no memory used after free: ${out}")
