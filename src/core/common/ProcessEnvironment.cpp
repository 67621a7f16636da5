#include "common/ProcessEnvironment.h"

#include <cstdlib>
#include <unistd.h>

namespace latentlab {

void ensurePassiveOpenMp(int argc, char** argv)
{
    (void)argc;
    if (std::getenv("OMP_WAIT_POLICY"))
        return;
    ::setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
    ::execv("/proc/self/exe", argv); // only returns on failure; then run on with the default policy
}

} // namespace latentlab
