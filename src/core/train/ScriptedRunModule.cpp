#include "train/ScriptedRunModule.h"

#include "common/LatentLabError.h"

#include <torch/nn/modules/batchnorm.h>

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace latentlab::train {

namespace {

/// A double as a TorchScript float literal that parses back to the same double.
std::string floatLiteral(double v)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.17g", v);
    std::string s = text;
    if (s.find_first_of(".eEn") == std::string::npos)
        s += ".0";
    return s;
}

/// "encoder.conv1.weight" -> "encoder_conv1_weight": TorchScript attribute names cannot hold dots.
std::string attributeName(const std::string& key)
{
    std::string s = key;
    for (char& c : s)
        if (c == '.')
            c = '_';
    return s;
}

bool under(const std::string& key, const std::vector<std::string>& prefixes)
{
    for (const auto& p : prefixes)
        if (key.rfind(p + ".", 0) == 0)
            return true;
    return false;
}

/// Copies the native networks' weights (parameters) and batch-norm statistics (buffers) under `prefixes`
/// onto the scripted module; the step counters of batch norm play no part in inference and stay behind.
void registerWeights(torch::jit::Module& scripted, const torch::nn::Module& native, const std::vector<std::string>& prefixes)
{
    for (const auto& item : native.named_parameters())
        if (under(item.key(), prefixes))
            scripted.register_parameter(attributeName(item.key()), item.value().detach().clone(), /*is_buffer=*/false);
    for (const auto& item : native.named_buffers())
        if (under(item.key(), prefixes) && item.key().find("num_batches_tracked") == std::string::npos)
            scripted.register_buffer(attributeName(item.key()), item.value().detach().clone());
}

/// Batch-norm call in eval mode with the native module's own momentum and eps, as F::batch_norm makes it.
std::string batchNorm(const torch::nn::Module& native, const std::string& path, const std::string& input)
{
    std::shared_ptr<torch::nn::Module> found;
    for (const auto& item : native.named_modules())
        if (item.key() == path)
            found = item.value();
    const auto* bn = dynamic_cast<const torch::nn::BatchNorm2dImpl*>(found.get());
    if (!bn)
        throw LatentLabError("The network has no batch-norm layer '" + path + "'; expected the Conv64 architecture.");
    const std::string p = "self." + attributeName(path) + "_";
    return "torch.batch_norm(" + input + ", " + p + "weight, " + p + "bias, " + p + "running_mean, " + p + "running_var, False, " +
        floatLiteral(bn->options.momentum().value_or(0.1)) + ", " + floatLiteral(bn->options.eps()) + ", True)";
}

/// Conv64Encoder::forward (model/Conv64Encoder.cpp) on `input`, leaving the code in `h`.
std::string encoderBody(const torch::nn::Module& native, const std::string& prefix, const std::string& input)
{
    std::ostringstream s;
    const std::string p = "self." + prefix + "_";
    const char* slopes[] = {"0.1", "0.1", "0.1", "0.2"};
    std::string in = input;
    for (int i = 1; i <= 4; ++i) {
        const std::string n = std::to_string(i);
        s << "    h = torch.conv2d(" << in << ", " << p << "conv" << n << "_weight, None, [2, 2], [1, 1], [1, 1], 1)\n";
        s << "    h = torch.leaky_relu(" << batchNorm(native, prefix + ".bn" + n, "h") << ", " << slopes[i - 1] << ")\n";
        in = "h";
    }
    s << "    h = torch.leaky_relu(torch.linear(torch.flatten(h, 1), " << p << "fc1_weight, " << p << "fc1_bias), 0.1)\n";
    s << "    h = torch.linear(h, " << p << "fc2_weight, " << p << "fc2_bias)\n";
    return s.str();
}

/// Conv64Decoder::forward (model/Conv64Decoder.cpp) on `input`, leaving the logits in `h`.
std::string decoderBody(const torch::nn::Module& native, const std::string& prefix, const std::string& input, std::int64_t filters)
{
    std::ostringstream s;
    const std::string p = "self." + prefix + "_";
    s << "    h = torch.leaky_relu(torch.linear(" << input << ", " << p << "fc1_weight, " << p << "fc1_bias), 0.1)\n";
    s << "    h = torch.leaky_relu(torch.linear(h, " << p << "fc2_weight, " << p << "fc2_bias), 0.1).view([-1, " << filters << ", 4, 4])\n";
    for (int i = 1; i <= 3; ++i) {
        const std::string n = std::to_string(i);
        s << "    h = torch.conv_transpose2d(h, " << p << "deconv" << n << "_weight, None, [2, 2], [1, 1], [0, 0], 1, [1, 1])\n";
        s << "    h = torch.leaky_relu(" << batchNorm(native, prefix + ".bn" + n, "h") << ", 0.1)\n";
    }
    s << "    h = torch.conv_transpose2d(h, " << p << "deconv4_weight, None, [2, 2], [1, 1], [0, 0], 1, [1, 1])\n";
    return s.str();
}

/// RelationalLearnerImpl::makeInput + forward + apply (model/RelationalLearner.cpp): the one-hot of the relation
/// appended to the target partition (or the whole code), the tanh MLP, the result copied over the partition.
std::string relateMethod(const model::RelationalAutoEncoderImpl& net)
{
    const auto& layout = net.layout();
    const auto& rel = *net.relational;
    const std::int64_t count = rel.options().numRelations(), width = rel.options().partitionDim();
    std::ostringstream offsets;
    for (std::size_t r = 0; r < layout.relations.size(); ++r)
        offsets << (r ? ", " : "") << layout.partitions.at(static_cast<std::size_t>(layout.relations[r].partition)).offset;
    std::size_t layers = 0;
    for (const auto& item : rel.named_parameters())
        if (item.key().size() > 7 && item.key().compare(item.key().size() - 7, 7, ".weight") == 0)
            ++layers;
    std::ostringstream s;
    s << "def relate(self, z: Tensor, relation: int) -> Tensor:\n";
    s << "    assert relation >= 0 and relation < " << count << ", \"relation index out of range; this model knows " << count << " relations\"\n";
    s << "    offsets: List[int] = [" << offsets.str() << "]\n";
    s << "    offset = offsets[relation]\n";
    if (rel.options().fullCodeInput())
        s << "    source = z\n";
    else
        s << "    source = z.narrow(1, offset, " << width << ")\n";
    s << "    onehot = torch.zeros([source.size(0), " << count << "], dtype=source.dtype, layout=source.layout, device=source.device)\n";
    s << "    onehot.select(1, relation).fill_(1.0)\n";
    s << "    h = torch.cat([source, onehot], 1)\n";
    for (std::size_t i = 0; i < layers; ++i) {
        const std::string p = "self.relational_network_layers_" + std::to_string(i) + "_";
        s << "    h = torch.linear(h, " << p << "weight, " << p << "bias)\n";
        if (i + 1 < layers)
            s << "    h = torch.tanh(h)\n";
    }
    s << "    out = z.clone()\n";
    s << "    out.narrow(1, offset, " << width << ").copy_(h)\n";
    s << "    return out\n";
    return s.str();
}

torch::jit::Module defineOrExplain(torch::jit::Module module, const std::string& source, const std::string& what)
{
    try {
        module.define(source);
    } catch (const std::exception& e) { // torch::jit::ErrorReport, c10::Error
        std::string why = std::string(e.what()).substr(0, 200);
        std::replace(why.begin(), why.end(), '\n', ' '); // one line, as every error sentence
        throw LatentLabError("The TorchScript source of the " + what + " does not compile (" + why + ").");
    }
    module.eval();
    return module;
}

} // namespace

torch::jit::Module ScriptedRunModule::build(const TrainedRun& run)
{
    const auto& net = *run.model;
    torch::jit::Module module(
        c10::QualifiedName("__torch__.latentlab." + std::string(net.layout().kind == model::ModelKind::AbsAE ? "AbsAE" : "MAE")));
    registerWeights(module, net, {"encoder", "decoder", "relational"});
    std::ostringstream s;
    s << "def encode(self, x: Tensor) -> Tensor:\n" << encoderBody(net, "encoder", "x") << "    return h\n\n";
    s << "def decode(self, z: Tensor) -> Tensor:\n" << decoderBody(net, "decoder", "z", net.options().filters) << "    return h\n\n";
    s << relateMethod(net) << "\n";
    s << "def forward(self, x: Tensor) -> Tensor:\n    return self.decode(self.encode(x))\n";
    return defineOrExplain(module, s.str(), modelKindName(net.layout().kind) + " run '" + run.runDir + "'");
}

torch::jit::Module ScriptedRunModule::build(const BetaVaeRun& run)
{
    const auto& net = *run.model;
    const std::int64_t d = net.options().latentDim();
    torch::jit::Module module(c10::QualifiedName("__torch__.latentlab.BetaVAE"));
    registerWeights(module, net, {"encoder", "decoder"});
    std::ostringstream s;
    s << "def encode(self, x: Tensor) -> Tuple[Tensor, Tensor]:\n"
      << encoderBody(net, "encoder", "x") << "    return h.narrow(1, 0, " << d << "), h.narrow(1, " << d << ", " << d << ")\n\n";
    s << "def decode(self, u: Tensor) -> Tensor:\n" << decoderBody(net, "decoder", "u", net.options().filters()) << "    return h\n\n";
    s << "def forward(self, x: Tensor) -> Tensor:\n    mu, logvar = self.encode(x)\n    return self.decode(mu)\n";
    return defineOrExplain(module, s.str(), "β-VAE run '" + run.runDir + "'");
}

} // namespace latentlab::train
