#include "common/CancellationToken.h"
#include "common/LatentLabError.h"

namespace latentlab {

void CancellationToken::throwIfCancelled() const
{
    if (isCancelled())
        throw CancelledError();
}

} // namespace latentlab
