#include "vk/sequence.h"

#include <string>

#include "vk/check.h"

namespace xun::vk {
namespace {

// Sets per pool; a forward pass of a 28-layer model records about 300 dispatches.
constexpr uint32_t sets_per_pool = 512;
constexpr uint32_t buffers_per_set = 8;

}  // namespace

Result<Sequence> Sequence::create(std::shared_ptr<const Device> device) {
  Sequence sequence;
  sequence.device_ = std::move(device);
  auto pool = CommandPool::create(*sequence.device_);
  if (!pool) return std::unexpected(pool.error());
  sequence.pool_ = std::move(*pool);
  auto fence = Fence::create(*sequence.device_);
  if (!fence) return std::unexpected(fence.error());
  sequence.fence_ = std::move(*fence);

  VkCommandBufferAllocateInfo allocate{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
  allocate.commandPool = sequence.pool_.handle();
  allocate.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  allocate.commandBufferCount = 1;
  XUN_VK_TRY(vkAllocateCommandBuffers(sequence.device_->handle(), &allocate, &sequence.commands_));
  return sequence;
}

Result<void> Sequence::begin() {
  for (DescriptorPool& pool : descriptor_pools_)
    XUN_VK_TRY(vkResetDescriptorPool(device_->handle(), pool.handle(), 0));
  current_pool_ = 0;
  dispatches_ = 0;
  XUN_VK_TRY(vkResetCommandBuffer(commands_, 0));
  VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  XUN_VK_TRY(vkBeginCommandBuffer(commands_, &begin));
  recording_ = true;
  timestamp_labels_.clear();
  if (timestamp_capacity_ > 0) {
    vkCmdResetQueryPool(commands_, timestamps_.handle(), 0, timestamp_capacity_);
    vkCmdWriteTimestamp(commands_, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, timestamps_.handle(), 0);
  }
  return {};
}

Result<void> Sequence::set_profiling(bool enabled) {
  if (recording_) return fail("internal: profiling switched while recording");
  if (!enabled || device_->timestamp_period_ns() <= 0) {
    timestamps_.reset();
    timestamp_capacity_ = 0;
    return {};
  }
  constexpr uint32_t capacity = 4096;  // dispatches + 1 per forward pass; the rest go unmeasured
  auto pool = QueryPool::create_timestamps(*device_, capacity);
  if (!pool) return std::unexpected(pool.error());
  timestamps_ = std::move(*pool);
  timestamp_capacity_ = capacity;
  return {};
}

void Sequence::write_timestamp(std::string label) {
  const auto index = static_cast<uint32_t>(timestamp_labels_.size() + 1);
  if (timestamp_capacity_ == 0 || index >= timestamp_capacity_) return;
  vkCmdWriteTimestamp(commands_, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, timestamps_.handle(), index);
  timestamp_labels_.push_back(std::move(label));
}

Result<void> Sequence::collect_timestamps() {
  if (timestamp_capacity_ == 0 || timestamp_labels_.empty()) return {};
  std::vector<uint64_t> ticks(timestamp_labels_.size() + 1);
  XUN_VK_TRY(vkGetQueryPoolResults(device_->handle(), timestamps_.handle(), 0, static_cast<uint32_t>(ticks.size()),
                                   ticks.size() * sizeof(uint64_t), ticks.data(), sizeof(uint64_t),
                                   VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT));
  for (size_t i = 0; i < timestamp_labels_.size(); ++i) {
    KernelTime& time = kernel_times_[timestamp_labels_[i]];
    time.milliseconds += static_cast<double>(ticks[i + 1] - ticks[i]) * device_->timestamp_period_ns() * 1e-6;
    ++time.dispatches;
  }
  return {};
}

Result<VkDescriptorSet> Sequence::allocate_set(VkDescriptorSetLayout layout, uint32_t storage_buffers) {
  if (storage_buffers > buffers_per_set) return fail("internal: a dispatch binds more than 8 buffers");
  while (true) {
    if (current_pool_ == descriptor_pools_.size()) {
      auto pool = DescriptorPool::create(*device_, sets_per_pool, sets_per_pool * buffers_per_set);
      if (!pool) return std::unexpected(pool.error());
      descriptor_pools_.push_back(std::move(*pool));
    }
    VkDescriptorSetAllocateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    info.descriptorPool = descriptor_pools_[current_pool_].handle();
    info.descriptorSetCount = 1;
    info.pSetLayouts = &layout;
    VkDescriptorSet set = VK_NULL_HANDLE;
    const VkResult result = vkAllocateDescriptorSets(device_->handle(), &info, &set);
    if (result == VK_SUCCESS) return set;
    if (result != VK_ERROR_OUT_OF_POOL_MEMORY && result != VK_ERROR_FRAGMENTED_POOL)
      return std::unexpected(vulkan_error(result, "vkAllocateDescriptorSets", __FILE__, __LINE__));
    ++current_pool_;  // this pool is full: move on to the next, creating it if needed
  }
}

Result<void> Sequence::dispatch(const Pipeline& pipeline, std::span<const Binding> bindings,
                                std::span<const std::byte> push, uint32_t groups_x, uint32_t groups_y,
                                uint32_t groups_z) {
  const PipelineDescription& description = pipeline.description();
  if (!recording_) return fail("internal: dispatch outside begin()/submit_and_wait()");
  if (bindings.size() != description.storage_buffers)
    return fail("internal: shader '" + description.shader + "' takes " +
                std::to_string(description.storage_buffers) + " buffers, got " + std::to_string(bindings.size()));
  if (push.size() != description.push_constant_bytes)
    return fail("internal: shader '" + description.shader + "' takes " +
                std::to_string(description.push_constant_bytes) + " bytes of push constants, got " +
                std::to_string(push.size()));
  if (groups_x == 0 || groups_y == 0 || groups_z == 0) return {};  // nothing to do

  auto set = allocate_set(pipeline.set_layout(), description.storage_buffers);
  if (!set) return std::unexpected(set.error());
  std::vector<VkDescriptorBufferInfo> infos(bindings.size());
  std::vector<VkWriteDescriptorSet> writes(bindings.size());
  for (size_t i = 0; i < bindings.size(); ++i) {
    if (bindings[i].buffer == nullptr || !bindings[i].buffer->valid())
      return fail("internal: shader '" + description.shader + "' binding " + std::to_string(i) + " is empty");
    infos[i] = {bindings[i].buffer->handle(), bindings[i].offset, bindings[i].range};
    writes[i] = VkWriteDescriptorSet{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
    writes[i].dstSet = *set;
    writes[i].dstBinding = static_cast<uint32_t>(i);
    writes[i].descriptorCount = 1;
    writes[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    writes[i].pBufferInfo = &infos[i];
  }
  vkUpdateDescriptorSets(device_->handle(), static_cast<uint32_t>(writes.size()), writes.data(), 0, nullptr);

  vkCmdBindPipeline(commands_, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline.handle());
  vkCmdBindDescriptorSets(commands_, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline.layout(), 0, 1, &*set, 0, nullptr);
  if (!push.empty())
    vkCmdPushConstants(commands_, pipeline.layout(), VK_SHADER_STAGE_COMPUTE_BIT, 0,
                       static_cast<uint32_t>(push.size()), push.data());
  vkCmdDispatch(commands_, groups_x, groups_y, groups_z);
  ++dispatches_;
  write_timestamp(description.shader);
  return {};
}

void Sequence::barrier() {
  VkMemoryBarrier barrier{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
  barrier.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
  barrier.dstAccessMask = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT |
                          VK_ACCESS_TRANSFER_READ_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
  const VkPipelineStageFlags stages = VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT;
  vkCmdPipelineBarrier(commands_, stages, stages, 0, 1, &barrier, 0, nullptr, 0, nullptr);
}

void Sequence::copy(const Buffer& source, VkDeviceSize source_offset, const Buffer& destination,
                    VkDeviceSize destination_offset, VkDeviceSize bytes) {
  VkBufferCopy region{source_offset, destination_offset, bytes};
  vkCmdCopyBuffer(commands_, source.handle(), destination.handle(), 1, &region);
  write_timestamp("copy");
}

Result<void> Sequence::submit_and_wait() {
  if (!recording_) return fail("internal: submit without begin()");
  recording_ = false;
  // Host reads of readback buffers come after this: make shader writes visible to the host.
  VkMemoryBarrier barrier{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
  barrier.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
  barrier.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
  vkCmdPipelineBarrier(commands_, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                       VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &barrier, 0, nullptr, 0, nullptr);
  XUN_VK_TRY(vkEndCommandBuffer(commands_));
  if (auto submitted = vk::submit_and_wait(*device_, commands_, fence_.handle()); !submitted) return submitted;
  return collect_timestamps();
}

}  // namespace xun::vk
