# Shared build settings for tocflow's own targets.

# Strict warnings on our own code only; third-party headers come in as SYSTEM.
function(tocflow_strict_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror)
endfunction()

# Boost.MSM (1.74) does not build as C++20 with GCC 12, and full debug info makes its
# translation units slow and large: such targets build as C++17 with -g1, and every MSM
# translation unit must see the same MPL limits (set before the first Boost header).
function(tocflow_msm_target target)
  set_target_properties(${target} PROPERTIES CXX_STANDARD 17)
  target_compile_options(${target} PRIVATE $<$<CONFIG:Debug,RelWithDebInfo>:-g1>)
  target_compile_definitions(${target} PRIVATE
    BOOST_MPL_CFG_NO_PREPROCESSED_HEADERS
    BOOST_MPL_LIMIT_VECTOR_SIZE=50
    BOOST_MPL_LIMIT_MAP_SIZE=50)
endfunction()

# tocflow_add_test(NAME name SOURCES a.cc b.cc LIBS lib...): a GoogleTest executable
# registered with CTest, one CTest entry per test case.
function(tocflow_add_test)
  cmake_parse_arguments(T "" "NAME" "SOURCES;LIBS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  tocflow_strict_warnings(${T_NAME})
  target_include_directories(${T_NAME} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(${T_NAME} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main)
  gtest_discover_tests(${T_NAME} DISCOVERY_TIMEOUT 60)
endfunction()
