# skillreg_embed(OUT FILES...): writes a C++ file defining skillreg::embedded::files(),
# a table of {relative name, contents} for each input, so the binary needs no data folder.
function(skillreg_embed out)
  set(inputs ${ARGN})
  string(REPLACE ";" "|" inputs_joined "${inputs}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DROOT=${PROJECT_SOURCE_DIR} "-DINPUTS=${inputs_joined}"
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedWrite.cmake
    DEPENDS ${inputs} ${PROJECT_SOURCE_DIR}/cmake/EmbedWrite.cmake
    COMMENT "Embedding migrations and reference data"
    VERBATIM)
endfunction()
