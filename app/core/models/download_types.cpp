#include "models/download_types.h"

namespace xun::core {

QString to_string(ModelSite site) {
  return site == ModelSite::modelscope ? QStringLiteral("ModelScope") : QStringLiteral("Hugging Face");
}

QUrl default_base_url(ModelSite site) {
  if (site == ModelSite::modelscope) return QUrl(QStringLiteral("https://modelscope.cn"));
  const QString endpoint = qEnvironmentVariable("HF_ENDPOINT");
  return QUrl(endpoint.isEmpty() ? QStringLiteral("https://huggingface.co") : endpoint);
}

}  // namespace xun::core
