# Runs lupdate on copies of the .ts files and fails when that would change them: a tr() string was
# added, changed or removed without `ninja update_translations`.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
set(stale "")
foreach(ts ${TS_FILES})
    get_filename_component(name ${ts} NAME)
    file(COPY ${ts} DESTINATION ${WORK_DIR})
    execute_process(COMMAND ${LUPDATE} ${OPTIONS} -silent @${SOURCES_LIST} -ts ${WORK_DIR}/${name}
                    RESULT_VARIABLE rc ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "lupdate failed on ${name}: ${err}")
    endif()
    file(READ ${ts} before)
    file(READ ${WORK_DIR}/${name} after)
    if(NOT before STREQUAL after)
        list(APPEND stale ${name})
    endif()
endforeach()
if(stale)
    message(FATAL_ERROR "Out of date: ${stale}. Run `cmake --build <build> --target update_translations`, "
                        "translate the new strings (linguist or an editor) and commit the .ts files.")
endif()
message(STATUS "translations are current")
