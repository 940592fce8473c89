# Shared by the checks on the console's code (CheckNoGuiSql.cmake, CheckConsoleHoldsNoKey.cmake):
# console_sources: ui/ and models/ (plus -DPLANT=FILE, the file a check's own test plants a forbidden line
# in); bursar_forbid(REGEX MESSAGE FILES...) fails naming every line of FILES that matches REGEX.
file(GLOB_RECURSE console_sources ${ROOT}/ui/*.cpp ${ROOT}/ui/*.h ${ROOT}/models/*.cpp ${ROOT}/models/*.h)
if(PLANT)
    list(APPEND console_sources ${PLANT})
endif()

function(bursar_forbid regex what)
    set(bad "")
    foreach(f ${ARGN})
        file(STRINGS ${f} lines REGEX "${regex}")
        if(lines)
            list(APPEND bad "${f}: ${lines}")
        endif()
    endforeach()
    if(bad)
        string(REPLACE ";" "\n" bad "${bad}")
        message(FATAL_ERROR "${what}:\n${bad}")
    endif()
endfunction()
