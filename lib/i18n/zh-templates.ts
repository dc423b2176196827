/**
 * Simplified Chinese for every t`…` sentence of the core and the CLI, keyed by the English template
 * (`{0}`, `{1}` … where the values go). lib/i18n/catalog.test.ts fails when a key is missing here.
 */
export const ZH_TEMPLATES: Record<string, string> = {
  "topology name": "拓扑名称",
  "host name": "主机名",
  "interface name": "接口名",
  "network name": "网络名",
  "container name": "容器名",
  alias: "别名",
  "a control character (U+{0})": "控制字符（U+{0}）",
  "a space": "空格",
  "'{0}'": "'{0}'",
  "use only letters, digits, '_', '.' and '-', starting with a letter or digit":
    "只能使用字母、数字、'_'、'.' 和 '-'，并以字母或数字开头",
  "{0} is empty": "{0}为空",
  "Give it a name; {0}.": "请起个名字；{0}。",
  "{0} '{1}' starts with '-', which a command would read as an option": "{0} '{1}' 以 '-' 开头，命令会把它当成选项",
  "Rename it so it starts with a letter or digit.": "请改名，让它以字母或数字开头。",
  "{0} '{1}' contains {2}, which is not allowed": "{0} '{1}' 含有{2}，这是不允许的",
  "Names end up in commands run as root: {0}.": "名字会出现在以 root 身份执行的命令里：{0}。",
  "{0} '{1}' must start with a letter or digit": "{0} '{1}' 必须以字母或数字开头",
  "host name '{0}' is not a valid hostname": "主机名 '{0}' 不是合法的主机名",
  "Host names use letters, digits and '-' (no '_' or '.'), and do not end with '-'.":
    "主机名只能用字母、数字和 '-'（不能有 '_' 或 '.'），且不能以 '-' 结尾。",
  "interface name '{0}' is reserved by the kernel": "接口名 '{0}' 被内核保留",
  "Pick another name.": "请换一个名字。",
  "{0} '{1}' is too short (at least {2} characters)": "{0} '{1}' 太短（至少 {2} 个字符）",
  "{0} '{1}' is {2} bytes long; the limit is {3} (the Linux kernel limit, IFNAMSIZ)":
    "{0} '{1}' 长 {2} 字节，上限是 {3}（Linux 内核的限制 IFNAMSIZ）",
  "{0} '{1}' is {2} bytes long; the limit is {3}": "{0} '{1}' 长 {2} 字节，上限是 {3}",
  "Shorten it to at most {0} bytes.": "请缩短到 {0} 字节以内。",
  "the file is {0} bytes; the limit is {1}": "文件有 {0} 字节，上限是 {1}",
  "Split the design, or remove what it does not need.": "请拆分设计，或删掉用不到的部分。",
  "a name appears twice in the same map": "同一个映射里出现了两次相同的名字",
  "{0}": "{0}",
  "Names are map keys and must be unique: rename or merge one of them.":
    "名字是映射的键，必须唯一：请改名或合并其中一个。",
  "Fix the YAML/JSON syntax at this position.": "请修正此处的 YAML/JSON 语法。",
  "Remove YAML aliases and anchors; write the values out.": "请去掉 YAML 的别名和锚点，把值完整写出来。",
  "'{0}': '__proto__' cannot be a name": "'{0}'：'__proto__' 不能用作名字",
  "Rename it: names start with a letter or digit.": "请改名：名字以字母或数字开头。",
  "the document": "文档",
  "{0}: {1}": "{0}：{1}",
  "unknown key '{0}' in {1}": "{1} 中有未知的键 '{0}'",
  "Did you mean '{0}'? Allowed here: {1}.": "你是想写 '{0}' 吗？这里允许：{1}。",
  "Remove it. Allowed here: {0}.": "请删掉它。这里允许：{0}。",
  "{0} must be one of {1}": "{0} 必须是以下之一：{1}",
  "Pick a driver: {0}.": "请选择一个驱动：{0}。",
  "{0} is required": "缺少 {0}",
  "Add '{0}' ({1}).": "请添加 '{0}'（{1}）。",
  "a map": "一个映射",
  "a {0}": "{0} 类型的值",
  "{0} must be {1}": "{0} 必须是{1}",
  "a map of names": "以名字为键的映射",
  "Check the value's type (quotes, list vs map).": "请检查值的类型（引号、列表还是映射）。",
  "": "",
  "'{0}' is not an IPv4 address": "'{0}' 不是 IPv4 地址",
  "Write it as four numbers 0-255, e.g. 172.16.11.11.": "写成四个 0-255 的数字，例如 172.16.11.11。",
  "'{0}' is not an IPv4 subnet": "'{0}' 不是 IPv4 子网",
  "Write it as address/prefix, e.g. 172.16.11.0/24.": "写成 地址/前缀 的形式，例如 172.16.11.0/24。",
  "'{0}' has host bits set; a subnet starts at its network address": "'{0}' 的主机位不为零；子网要从它的网络地址写起",
  "Did you mean {0}? A subnet is written with its network address, e.g. 172.16.11.0/24.":
    "你是想写 {0} 吗？子网要用网络地址来写，例如 172.16.11.0/24。",
  "'{0}' is not an interface address": "'{0}' 不是接口地址",
  "Write it as address/prefix, e.g. 192.168.0.102/24.": "写成 地址/前缀 的形式，例如 192.168.0.102/24。",
  "image '{0}' is not a valid image reference": "镜像 '{0}' 不是合法的镜像引用",
  "Use a reference such as busybox, busybox:1.36 or registry.example.com/team/app:1.0 (lowercase, no spaces).":
    "请使用 busybox、busybox:1.36 或 registry.example.com/team/app:1.0 这样的引用（小写，不含空格）。",
  "command argument is {0} characters; the limit is {1}": "命令参数有 {0} 个字符，上限是 {1}",
  "Shorten it.": "请缩短。",
  "command argument contains a control character": "命令参数含有控制字符",
  "Remove newlines and control characters.": "请去掉换行符和控制字符。",
  "command argument contains a lone UTF-16 surrogate, which has no UTF-8 encoding":
    "命令参数含有单独的 UTF-16 代理项，它没有对应的 UTF-8 编码",
  "Remove it: a command line carries UTF-8 text only.": "请删掉它：命令行只能承载 UTF-8 文本。",
  "'{0}' is not a KV store address": "'{0}' 不是 KV 数据库地址",
  "Write etcd://HOST:2379 or consul://HOST:8500, where HOST is a host of this design or an IP address.":
    "写成 etcd://HOST:2379 或 consul://HOST:8500，其中 HOST 是本设计中的主机或一个 IP 地址。",
  "network '{0}' sets a gateway but no subnet": "网络 '{0}' 设置了网关却没有子网",
  "Docker only accepts --gateway together with --subnet: add the subnet.":
    "Docker 只在同时给出 --subnet 时才接受 --gateway：请补上子网。",
  "gateway {0} of '{1}' is the network or broadcast address of {2}": "'{1}' 的网关 {0} 是 {2} 的网络地址或广播地址",
  "gateway {0} of '{1}' is outside its subnet {2}": "'{1}' 的网关 {0} 不在其子网 {2} 之内",
  "Pick an address inside {0}, usually the first one.": "请在 {0} 内选一个地址，通常是第一个。",
  "ip_range {0} of '{1}' is not inside its subnet {2}": "'{1}' 的 ip_range {0} 不在其子网 {2} 之内",
  "The range containers draw from must lie inside the subnet.": "容器取地址的范围必须位于子网之内。",
  "routed bridge '{0}' needs one distinct subnet per host under 'subnets'{1}":
    "路由网桥 '{0}' 需要在 'subnets' 下为每台主机各给一个不同的子网{1}",
  ", not a shared 'subnet'": "，而不是共用一个 'subnet'",
  "Routing works between different subnets: e.g. subnets: { node-1: 172.20.1.0/24, node-2: 172.20.2.0/24 }.":
    "路由是在不同子网之间进行的：例如 subnets: { node-1: 172.20.1.0/24, node-2: 172.20.2.0/24 }。",
  "routed bridge '{0}': subnet {1} of {2} overlaps {3} of {4}": "路由网桥 '{0}'：{2} 的子网 {1} 与 {4} 的 {3} 重叠",
  "Each host needs its own subnet, or the routes between them cannot tell the hosts apart.":
    "每台主机都需要自己的子网，否则主机之间的路由无法区分它们。",
  "bridge '{0}' has per-host 'subnets' but is not routed": "网桥 '{0}' 按主机设置了 'subnets'，却没有设为路由模式",
  "Add cross_host: routed, or use one 'subnet'.": "请加上 cross_host: routed，或只用一个 'subnet'。",
  "container '{0}' has a fixed IP on '{1}', which has no subnet of yours":
    "容器 '{0}' 在 '{1}' 上设置了固定 IP，但该网络没有你指定的子网",
  "Docker only accepts --ip on networks created with --subnet: add a subnet to networks.{0}.":
    "Docker 只在用 --subnet 创建的网络上接受 --ip：请给 networks.{0} 加上子网。",
  "IP {0} of '{1}' is outside {2} of network '{3}'": "'{1}' 的 IP {0} 不在网络 '{3}' 的 {2} 之内",
  "Pick an address inside {0}.": "请在 {0} 内选一个地址。",
  "IP {0} of '{1}' is the network or broadcast address of {2}": "'{1}' 的 IP {0} 是 {2} 的网络地址或广播地址",
  "Pick an address between the first and the last usable one.": "请在第一个和最后一个可用地址之间选一个。",
  "IP {0} of '{1}' is the gateway of network '{2}'": "'{1}' 的 IP {0} 是网络 '{2}' 的网关",
  "Docker keeps the gateway address for itself: pick another address.": "网关地址由 Docker 自己占用：请另选一个地址。",
  "IP {0} of '{1}' is also given to '{2}' on network '{3}'": "'{1}' 的 IP {0} 在网络 '{3}' 上也分给了 '{2}'",
  "Containers of one macvlan network share one L2 segment across hosts, and each host's Docker allocates on its own: give every container a distinct fixed ip.":
    "同一个 macvlan 网络的容器跨主机共享同一个二层网段，而每台主机的 Docker 各自分配地址：请给每个容器一个不同的固定 ip。",
  "Give each container a distinct address.": "请给每个容器一个不同的地址。",
  "subnet {0} of '{1}' has room for {2} containers but {3} are attached{4}":
    "'{1}' 的子网 {0} 只容得下 {2} 个容器，却接入了 {3} 个{4}",
  " on {0}": "（在 {0} 上）",
  "Use a larger subnet (a smaller prefix number).": "请使用更大的子网（更小的前缀长度）。",
  "subnet {0} of '{1}' overlaps 172.17.0.0/16, the subnet of Docker's default bridge docker0 on every host":
    "'{1}' 的子网 {0} 与 172.17.0.0/16 重叠，这是每台主机上 Docker 默认网桥 docker0 的子网",
  "Docker refuses a pool that overlaps an existing network: pick a subnet outside 172.17.0.0/16.":
    "Docker 拒绝与已有网络重叠的地址池：请选一个 172.17.0.0/16 以外的子网。",
  "on host '{0}', subnet {1} of '{2}' overlaps {3} of '{4}'": "在主机 '{0}' 上，'{2}' 的子网 {1} 与 '{4}' 的 {3} 重叠",
  "Docker refuses overlapping pools on one host: pick a subnet that does not overlap.":
    "同一台主机上 Docker 拒绝重叠的地址池：请选一个不重叠的子网。",
  "{0} is a third-party network: its software must be installed on every host":
    "{0} 是第三方网络：每台主机上都必须安装它的软件",
  "swarm assigns the addresses on '{0}' when containers start, not in order (.2, .4, .6 …): {1}":
    "'{0}' 上的地址由 swarm 在容器启动时分配，而且不按顺序（.2、.4、.6 …）：{1}",
  "flanneld needs an etcd and rewrites each Docker daemon's --bip; the plan shows the commands for real hosts.":
    "flanneld 需要一个 etcd，并会改写每个 Docker 守护进程的 --bip；计划给出的是真实主机上的命令。",
  "Weave Net is archived (weaveworks/weave #4003); the rajch/weave fork keeps it alive. The plan shows the commands for real hosts.":
    "Weave Net 已经归档（weaveworks/weave #4003），由 rajch/weave 分支继续维护。计划给出的是真实主机上的命令。",
  "Calico's Docker (libnetwork) plugin was removed in Calico 3.0; the last line that supports it is 2.6.x. The plan shows the 2.6 commands.":
    "Calico 的 Docker（libnetwork）插件在 Calico 3.0 中已被移除，最后支持它的是 2.6.x 版本。计划给出的是 2.6 的命令。",
  "macvlan network '{0}' has no subnet: each host's Docker would pick one from its own pools":
    "macvlan 网络 '{0}' 没有子网：每台主机的 Docker 会从各自的地址池里挑一个",
  "Containers on a macvlan join the physical network: set the subnet (and gateway) of that network.":
    "macvlan 上的容器直接接入物理网络：请设置该物理网络的子网（和网关）。",
  "on {0}, '{1}' uses parent {2}, which '{3}' already uses; Docker refuses it: \"network {4} is already using parent interface {5}\"":
    "在 {0} 上，'{1}' 使用父接口 {2}，而 '{3}' 已经在用它；Docker 会拒绝：\"network {4} is already using parent interface {5}\"",
  "One NIC takes one macvlan network. Use a VLAN sub-interface instead (e.g. {0}.10 and {1}.20), one per network.":
    "一块网卡只能承载一个 macvlan 网络。请改用 VLAN 子接口（例如 {0}.10 和 {1}.20），每个网络一个。",
  "NIC {0} of {1} carries macvlan '{2}' but is not in promiscuous mode":
    "{1} 的网卡 {0} 承载着 macvlan '{2}'，却没有开启混杂模式",
  "Each macvlan container has its own MAC address; a NIC that is not promiscuous may drop frames addressed to them. Set promisc: true (ip link set NIC promisc on).":
    "每个 macvlan 容器都有自己的 MAC 地址；没开混杂模式的网卡可能会丢掉发给它们的帧。请设置 promisc: true（ip link set NIC promisc on）。",
  "containers of '{0}' on different hosts cannot find each other by name":
    "'{0}' 上位于不同主机的容器无法通过名字找到彼此",
  "Docker's DNS only knows the containers of its own host on a macvlan network: across hosts, use IP addresses (from {0}, ping {1} works, ping {2} says 'bad address').":
    "在 macvlan 网络上，Docker 的 DNS 只认识本主机的容器：跨主机请用 IP 地址（在 {0} 里，ping {1} 能通，ping {2} 会报 'bad address'）。",
  "Docker's DNS only knows the containers of its own host on a macvlan network: across hosts, use IP addresses (from {0}, ping {1}'s address works, ping {2} says 'bad address').":
    "在 macvlan 网络上，Docker 的 DNS 只认识本主机的容器：跨主机请用 IP 地址（在 {0} 里，ping {1} 的地址能通，ping {2} 会报 'bad address'）。",
  "overlay network '{0}' has no control plane": "overlay 网络 '{0}' 没有控制平面",
  "Overlays need the hosts to agree on networks and addresses: set control: swarm (today's Docker) or control: { kv: etcd://HOST:2379 }.":
    "overlay 需要各主机对网络和地址达成一致：请设置 control: swarm（现在的 Docker）或 control: { kv: etcd://HOST:2379 }。",
  "overlay '{0}' uses a KV store ({1}): the --cluster-store way was removed in Docker 23.0":
    "overlay '{0}' 使用 KV 数据库（{1}）：--cluster-store 这种方式在 Docker 23.0 中已被移除",
  "It still runs on Docker 20.10 and older (the lab has 20.10). On today's Docker use control: swarm with an attachable overlay.":
    "它在 Docker 20.10 及更早版本上仍然可用（实验环境是 20.10）。在现在的 Docker 上，请用 control: swarm 和可附加（attachable）的 overlay。",
  "KV store host '{0}' is neither a host of this design nor an IP address":
    "KV 数据库主机 '{0}' 既不是本设计中的主机，也不是 IP 地址",
  "Use a host name ({0}) or an IP address.": "请使用主机名（{0}）或 IP 地址。",
  "KV store host '{0}' has no NIC address for the other hosts to reach":
    "KV 数据库主机 '{0}' 没有可供其他主机访问的网卡地址",
  "Give one of its NICs an address.": "请给它的某块网卡配一个地址。",
  "host '{0}' is on overlay '{1}' but has no NIC address to {2}":
    "主机 '{0}' 在 overlay '{1}' 上，却没有网卡地址可用来{2}",
  "reach the KV store from and advertise": "访问 KV 数据库并对外通告",
  "advertise to the swarm": "向 swarm 通告",
  "Give one of its NICs (or a VLAN sub-interface) an address on the hosts' network, e.g. 192.168.0.102/24.":
    "请给它的某块网卡（或某个 VLAN 子接口）配一个主机网络上的地址，例如 192.168.0.102/24。",
  "host '{0}' is on overlay '{1}' but shares no IP subnet with the KV store host '{2}'":
    "主机 '{0}' 在 overlay '{1}' 上，却与 KV 数据库主机 '{2}' 没有共同的 IP 子网",
  "Give a NIC of {0} an address in the same subnet as {1}'s.": "请给 {0} 的某块网卡配一个与 {1} 同一子网的地址。",
  "host '{0}' would need two overlay control planes: '{1}' uses {2}, '{3}' uses {4}":
    "主机 '{0}' 需要两个 overlay 控制平面：'{1}' 用的是 {2}，'{3}' 用的是 {4}",
  "A Docker daemon has one cluster store, and swarm mode excludes it: give all overlays on a host the same control.":
    "一个 Docker 守护进程只有一个 cluster store，而且 swarm 模式与它互斥：请让同一主机上的所有 overlay 使用相同的 control。",
  "'{0}' ({1}) spans {2} and {3}, but they share no IP subnet to talk over":
    "'{0}'（{1}）横跨 {2} 和 {3}，但两者没有可以互通的共同 IP 子网",
  "Give a NIC of each host an address in the same subnet, e.g. 192.168.0.101/24 and 192.168.0.102/24.":
    "请给每台主机的某块网卡配一个同一子网的地址，例如 192.168.0.101/24 和 192.168.0.102/24。",
  "{0} {1}; Crossnet handles at most {2} in one design": "{1} 有 {0} 个；Crossnet 一个设计最多处理 {2} 个",
  "Split the design into several topologies.": "请把设计拆成几个拓扑。",
  "host '{0}' has {1} NICs; the limit is {2}": "主机 '{0}' 有 {1} 块网卡，上限是 {2}",
  "Remove NICs the design does not use.": "请删掉设计中用不到的网卡。",
  "VLAN id '{0}' on {1} of {2} is outside 1-4094": "{2} 的 {1} 上的 VLAN id '{0}' 不在 1-4094 之内",
  "802.1q VLAN ids are whole numbers from 1 to 4094 (0 and 4095 are reserved).":
    "802.1q 的 VLAN id 是 1 到 4094 的整数（0 和 4095 保留）。",
  "host '{0}' has a NIC named '{1}' and a VLAN sub-interface of the same name":
    "主机 '{0}' 上有一块名为 '{1}' 的网卡，还有一个同名的 VLAN 子接口",
  "Rename the NIC; the sub-interface of VLAN N on NIC X is always called X.N.":
    "请给网卡改名；网卡 X 上 VLAN N 的子接口总是叫 X.N。",
  "network '{0}' names a parent on host '{1}', which is not in hosts":
    "网络 '{0}' 在主机 '{1}' 上指定了父接口，但 hosts 里没有这台主机",
  "Add host '{0}' or remove this parent. Hosts: {1}.": "请添加主机 '{0}'，或删掉这个父接口。现有主机：{1}。",
  "parent '{0}' of network '{1}' does not exist on host '{2}'": "网络 '{1}' 的父接口 '{0}' 在主机 '{2}' 上不存在",
  "Use one of {0}, or add it (a VLAN sub-interface X.N is declared as vlans: { N: {} } under NIC X).":
    "请使用 {0} 之一，或添加它（VLAN 子接口 X.N 在网卡 X 下写成 vlans: { N: {} }）。",
  "Host '{0}' has no NICs yet: add one under hosts.{1}.nics.":
    "主机 '{0}' 还没有网卡：请在 hosts.{1}.nics 下添加一块。",
  "network '{0}' has a subnet for host '{1}', which is not in hosts":
    "网络 '{0}' 为主机 '{1}' 设置了子网，但 hosts 里没有这台主机",
  "Add host '{0}' or remove this subnet.": "请添加主机 '{0}'，或删掉这个子网。",
  "container '{0}' runs on host '{1}', which is not in hosts":
    "容器 '{0}' 运行在主机 '{1}' 上，但 hosts 里没有这台主机",
  "Use one of: {0}.": "请使用其中之一：{0}。",
  "container '{0}' is on no network": "容器 '{0}' 没有接入任何网络",
  "It will run with --network none and reach nothing. Attach it to a network.":
    "它会以 --network none 运行，什么也访问不到。请把它接入一个网络。",
  "container '{0}' is attached to network '{1}', which is not in networks":
    "容器 '{0}' 接入了网络 '{1}'，但 networks 里没有这个网络",
  "Define networks.{0}, or use one of: {1}.": "请定义 networks.{0}，或使用其中之一：{1}。",
  "container '{0}' runs on '{1}', but network '{2}' is not defined there":
    "容器 '{0}' 运行在 '{1}' 上，但网络 '{2}' 在那台主机上没有定义",
  "Add a parent for {0} under networks.{1}.parent.": "请在 networks.{1}.parent 下为 {0} 添加父接口。",
  "Add a subnet for {0} under networks.{1}.subnets.": "请在 networks.{1}.subnets 下为 {0} 添加子网。",
  "cluster store is {0}": "cluster store 是 {0}",
  "no cluster store": "没有 cluster store",
  "Tells dockerd where the KV store is ({0}) and which address to advertise to the other hosts ({1}), merged into {2}: its other settings stay. The tutorial edited ExecStart in docker.service and also opened -H tcp://0.0.0.0:2376; Crossnet leaves that out: an unauthenticated Docker API on the network is root for anyone who reaches it.":
    "告诉 dockerd KV 数据库在哪里（{0}），以及向其他主机通告哪个地址（{1}），合并进 {2}：其中的其他设置保持不变。教程是修改 docker.service 里的 ExecStart，还顺带开放了 -H tcp://0.0.0.0:2376；Crossnet 不这样做：网络上不加认证的 Docker API，等于把 root 权限交给任何能连上它的人。",
  "new daemon settings": "守护进程配置已更新",
  "Restarts dockerd so it registers with the KV store (running containers stop unless they have a restart policy).":
    "重启 dockerd，让它注册到 KV 数据库（正在运行的容器会停止，除非设置了重启策略）。",
  "a container named {0} already exists on {1} and was not created by Crossnet":
    "{1} 上已经有一个名为 {0} 的容器，而且不是 Crossnet 创建的",
  "Remove it by hand ('docker rm -f {0}'), or run the store elsewhere and name that host in the overlay's control.":
    "请手动删除它（'docker rm -f {0}'），或把数据库放到别的主机上，并在 overlay 的 control 里写那台主机。",
  stopped: "已停止",
  "Starts the {0} KV store again; it exists but is not running.": "重新启动 KV 数据库 {0}；它存在，但没有在运行。",
  missing: "缺失",
  "Starts Consul, the key-value store where the overlay keeps its networks, endpoints and addresses (as in the tutorial).":
    "启动 Consul，overlay 把网络、端点和地址保存在这个 键值数据库里（和教程一样）。",
  "Starts etcd with its v2 API (dockerd 20.10 speaks only v2), the key-value store where the overlay keeps its networks, endpoints and addresses.":
    "以 v2 API 启动 etcd（dockerd 20.10 只支持 v2），overlay 把网络、端点和地址保存在这个 键值数据库里。",
  "not in a swarm": "不在 swarm 中",
  "Makes {0} a swarm manager. Swarm replaces the tutorial's KV store: managers keep the overlay networks and hand out addresses.":
    "让 {0} 成为 swarm 管理节点。swarm 取代了教程里的 KV 数据库：由管理节点保存 overlay 网络并分配地址。",
  "{0} should manage the swarm but is a worker of another swarm": "{0} 应当管理 swarm，但它是另一个 swarm 的工作节点",
  "Run 'docker swarm leave' on {0}, or make it a manager ('docker node promote').":
    "请在 {0} 上执行 'docker swarm leave'，或把它提升为管理节点（'docker node promote'）。",
  "{0} is in another swarm than {1}": "{0} 与 {1} 不在同一个 swarm 中",
  "Run 'docker swarm leave --force' on {0}, then apply again.":
    "请在 {0} 上执行 'docker swarm leave --force'，然后重新应用。",
  "not in the swarm": "不在该 swarm 中",
  "The worker join token, printed on {0} by 'docker swarm join-token -q worker'.":
    "工作节点的加入令牌，在 {0} 上用 'docker swarm join-token -q worker' 打印出来。",
  "Joins {0} to {1}'s swarm as a worker, so it can attach containers to the swarm's overlay networks.":
    "让 {0} 以工作节点身份加入 {1} 的 swarm，这样它的容器就能接入 swarm 的 overlay 网络。",
  "Creates the Open vSwitch bridge {0} in OVS's userspace datapath (this machine has no OVS kernel module).":
    "在 OVS 的用户态数据通路中创建 Open vSwitch 网桥 {0}（这台机器没有 OVS 内核模块）。",
  "Creates the Open vSwitch bridge {0}, a virtual switch the containers of '{1}' plug into.":
    "创建 Open vSwitch 网桥 {0}，这是一台虚拟交换机，'{1}' 的容器都插在它上面。",
  "tunnel endpoint differs": "隧道端点不一致",
  "Adds a {0} tunnel port from {1} to {2} ({3}): frames for containers on {4} travel inside UDP/IP packets between the hosts.":
    "添加一个从 {1} 到 {2}（{3}）的 {0} 隧道端口：发往 {4} 上容器的帧被封装在 UDP/IP 包里，在主机之间传输。",
  "Creates the kernel {0} device {1} toward {2} ({3}): frames put into it travel inside {4} packets over {5}.":
    "创建通往 {2}（{3}）的内核 {0} 设备 {1}：送进它的帧会封装在 {4} 包里，经 {5} 发出。",
  down: "未启用",
  "new": "新建",
  "Brings {0} up.": "启用 {0}。",
  "Adds {0} to {1}, so frames for containers on {2} leave through the tunnel.":
    "把 {0} 加入 {1}，让发往 {2} 上容器的帧经隧道发出。",
  "a container named {0} already runs on {1} and was not created by Crossnet":
    "{1} 上已经运行着一个名为 {0} 的容器，而且不是 Crossnet 创建的",
  "Remove it by hand ('docker rm -f {0}') or rename the container in the design.":
    "请手动删除它（'docker rm -f {0}'），或在设计中给容器改名。",
  "Removes {0} to start it again as the design says ({1}).": "删除 {0}，再按设计重新启动它（{1}）。",
  "network re-created": "网络已重建",
  "Starts {0} again; it exists but is not running.": "重新启动 {0}；它存在，但没有在运行。",
  "not attached": "未接入",
  "second network": "第二个网络",
  "Attaches {0} to {1} too: it gets another interface and address there and can reach {2}'s containers{3}.":
    "把 {0} 也接入 {1}：它在那里多了一块网卡和一个地址，就能访问 {2} 上的容器了{3}。",
  " (as {0})": "（地址为 {0}）",
  "not in design": "设计中没有",
  "Detaches {0} from {1}: the design does not put it there.": "把 {0} 从 {1} 断开：设计中它不在这个网络上。",
  "port of the old container": "旧容器的端口",
  "Removes the OVS port ovs-docker made for the previous {0}: the container is new, and ovs-docker refuses a second port for the same container and interface.":
    "删除 ovs-docker 为之前的 {0} 建的 OVS 端口：容器是新建的，而 ovs-docker 不允许同一个容器和接口有第二个端口。",
  "new container": "新容器",
  "not plugged in": "未接入",
  "Plugs {0} into OVS bridge {1}: ovs-docker makes a veth pair, puts one end in the container as {2} with {3}, and adds the other end to the bridge.":
    "把 {0} 接到 OVS 网桥 {1} 上：ovs-docker 创建一对 veth，一端放进容器作为 {2}（地址 {3}），另一端加到网桥上。",
  "image is {0}, design says {1}": "镜像是 {0}，设计中是 {1}",
  "address on {0} is {1}, design says {2}": "在 {0} 上的地址是 {1}，设计中是 {2}",
  "Starts {0} ({1}) on {2} attached to {3}": "在 {2} 上启动 {0}（{1}），接入 {3}",
  "Starts {0} ({1}) on {2} with no network yet": "在 {2} 上启动 {0}（{1}），暂不接入网络",
  " with the fixed address {0}": "，使用固定地址 {0}",
  " with {0}, the address Docker would give it next (passed explicitly so the result does not depend on timing)":
    "，地址为 {0}，即 Docker 接下来会分给它的地址（显式写出，结果就不受启动先后影响）",
  "; Docker gives it {0}, the next free address": "；Docker 会分给它下一个空闲地址 {0}",
  "; its address is assigned when it starts": "；它的地址在启动时分配",
  " Its eth0 is a macvlan interface on the parent NIC.": "它的 eth0 是父网卡上的一个 macvlan 接口。",
  "{0}{1}. -itd keeps busybox's shell running in the background.{2}{3}":
    "{0}{1}。-itd 让 busybox 的 shell 在后台保持运行。{2}{3}",
  "moved to {0}": "已移到 {0}",
  "Removes {0}, which Crossnet created for this topology but the design no longer has here.":
    "删除 {0}：它是 Crossnet 为这个拓扑创建的，但设计中这里已经没有它了。",
  "network {0} should go, but containers Crossnet did not create still use it: {1}":
    "网络 {0} 应当删除，但还有不是 Crossnet 创建的容器在用它：{1}",
  "Disconnect them ('docker network disconnect {0} CONTAINER') or remove them, then run again. Crossnet never touches containers it did not create.":
    "请断开它们（'docker network disconnect {0} CONTAINER'）或删除它们，然后再运行一次。Crossnet 从不动它没有创建的容器。",
  "Removes network {0}, which Crossnet created for this topology but the design no longer has.":
    "删除网络 {0}：它是 Crossnet 为这个拓扑创建的，但设计中已经没有它了。",
  "not promiscuous": "未开启混杂模式",
  "Puts {0} in promiscuous mode so it accepts frames for the MAC addresses of macvlan containers, not only its own.":
    "让 {0} 进入混杂模式，这样它不只接收发给自己的帧，也接收发给 macvlan 容器 MAC 地址的帧。",
  "address missing": "缺少地址",
  "Gives {0} its address {1} on the hosts' network.": "给 {0} 配上它在主机网络上的地址 {1}。",
  "Creates the 802.1q sub-interface {0}: frames sent through it leave {1} tagged with VLAN {2}, and tagged frames arriving on {3} come out of it. (The tutorial wrote ifcfg-{4} with VLAN=yes and ran ifup.)":
    "创建 802.1q 子接口 {0}：从它发出的帧离开 {1} 时带上 VLAN {2} 标签，而到达 {3} 的带该标签的帧会从它收进来。（教程是写 ifcfg-{4} 并设置 VLAN=yes，再执行 ifup。）",
  "Gives {0} the address {1} in VLAN {2}'s own IP network.": "给 {0} 配上地址 {1}，它属于 VLAN {2} 自己的 IP 网段。",
  "forwarding off": "转发未开启",
  "Lets the host forward packets between its NIC and its container bridge (Docker usually turns this on).":
    "允许主机在网卡和容器网桥之间转发数据包（Docker 通常会自动打开）。",
  "Sends traffic for {0}'s containers ({1}) to {2} itself ({3}), which delivers it to its bridge.":
    "把发往 {0} 上容器（{1}）的流量交给 {2} 本身（{3}），由它转交给自己的网桥。",
  "below Docker's masquerade rule": "位于 Docker 的地址伪装规则之下",
  "Docker put its MASQUERADE rule for {0} above this exemption (it does when it starts), so the exemption never matches: remove it to insert it again on top.":
    "Docker 把 {0} 的 MASQUERADE 规则放到了这条豁免规则之上（它启动时就会这样做），豁免规则因此永远匹配不到：先删除它，再把它重新插到最上面。",
  "Exempts traffic from {0} to {1} from Docker's masquerade, so {2} sees the real container address and can answer it. Inserted after the bridge exists, above Docker's own MASQUERADE rule for it.":
    "让从 {0} 到 {1} 的流量不做 Docker 的地址伪装（MASQUERADE），这样 {2} 看到的是容器的真实地址，并能回复它。在网桥创建之后插入，位于 Docker 为该网桥添加的 MASQUERADE 规则之上。",
  "Docker's FORWARD policy drops traffic from outside into its bridges; this DOCKER-USER rule lets packets arriving on {0} into bridge {1}.":
    "Docker 的 FORWARD 策略会丢弃从外部进入其网桥的流量；这条 DOCKER-USER 规则放行从 {0} 进来、去往网桥 {1} 的数据包。",
  "driver is {0}, design says {1}": "驱动是 {0}，设计中是 {1}",
  "subnet differs ({0} on the host, {1} in the design)": "子网不一致（主机上是 {0}，设计中是 {1}）",
  "gateway differs ({0} on the host, {1} in the design)": "网关不一致（主机上是 {0}，设计中是 {1}）",
  "parent differs ({0} on the host, {1} in the design)": "父接口不一致（主机上是 {0}，设计中是 {1}）",
  none: "无",
  "network {0} on {1} was not created by Crossnet and {2}": "{1} 上的网络 {0} 不是 Crossnet 创建的，而且{2}",
  "Remove or rename it by hand ('docker network rm {0}'), or rename the network in the design.":
    "请手动删除或改名（'docker network rm {0}'），或在设计中给网络改名。",
  "Removes {0} so it can be created again as the design says ({1}).": "删除 {0}，以便按设计重新创建（{1}）。",
  "network {0}: {1}": "网络 {0}：{1}",
  "Removes {0} because its network {1} must be re-created; it is started again afterwards.":
    "删除 {0}，因为它所在的网络 {1} 必须重建；之后会再启动它。",
  "Creates bridge {0} on {1} with this host's own subnet {2}; the routes to the other hosts' subnets join them at layer 3.":
    "在 {1} 上创建网桥 {0}，使用本主机自己的子网 {2}；通往其他主机子网的路由在三层把它们连起来。",
  "Creates a user-defined bridge {0} on {1}: its containers reach each other and find each other by name, on this host only.":
    "在 {1} 上创建自定义网桥 {0}：它的容器可以互相访问，也能通过名字找到彼此，但仅限本主机。",
  "Creates macvlan network {0} on {1} with parent {2}: each container gets its own MAC address directly on that interface's network, with no bridge or NAT. The same subnet on every host makes it one network across hosts.":
    "在 {1} 上以 {2} 为父接口创建 macvlan 网络 {0}：每个容器在该接口所在的网络上直接拥有自己的 MAC 地址，不经过网桥，也没有 NAT。每台主机使用相同的子网，它们就成了一个跨主机的网络。",
  "Creates the swarm overlay {0} on the manager {1}, --attachable so plain 'docker run' containers can join it; every swarm host can use it (VXLAN between hosts, DNS by name across hosts).":
    "在管理节点 {1} 上创建 swarm overlay {0}，加 --attachable 让普通 'docker run' 的容器也能加入；swarm 中的每台主机都能使用它（主机之间走 VXLAN，跨主机可以按名字解析）。",
  "Creates overlay {0} once, on {1}: it is stored in the KV store, so the other hosts see it too (SCOPE global).{2}":
    "只在 {1} 上创建一次 overlay {0}：它保存在 KV 数据库里，所以其他主机也能看到它（SCOPE 为 global）。{2}",
  " No container uses it yet.": "目前还没有容器使用它。",
  "Creates {0} on Weave Net's driver (needs 'weave launch' on every host first).":
    "用 Weave Net 的驱动创建 {0}（需要先在每台主机上执行 'weave launch'）。",
  "Creates {0} with Calico's libnetwork driver and IPAM (Calico 2.6; needs calico/node running on every host).":
    "用 Calico 的 libnetwork 驱动和 IPAM 创建 {0}（Calico 2.6；需要每台主机上都运行着 calico/node）。",
  "{0} could not be read: {1}": "无法读取 {0}：{1}",
  unreachable: "无法连接",
  "Check the host is up and its inventory entry (address, key, host key). Nothing is planned for it.":
    "请检查主机是否在线，以及它在清单中的条目（地址、密钥、主机密钥）。不会为它制定任何步骤。",
  "Nothing is removed there: check the host is up and its inventory entry, then destroy again.":
    "那里什么都没删：请检查主机是否在线以及它在清单中的条目，然后再销毁一次。",
  destroy: "销毁",
  "Removes the {0} rule Crossnet added for {1}.": "删除 Crossnet 为 {1} 添加的 {0} 规则。",
  "Removes the route to {0}'s subnet of {1}.": "删除通往 {0} 上 {1} 子网的路由。",
  "No changes: the hosts match the design.": "没有变化：主机与设计一致。",
  "No steps, but the conflicts below need a person.": "没有步骤，但下面的冲突需要人来处理。",
  "hint: {0}": "提示：{0}",
  "Plan: {0} to add, {1} to change, {2} to remove, on {3} host.":
    "计划：在 {3} 台主机上新增 {0} 项，修改 {1} 项，删除 {2} 项。",
  "Plan: {0} to add, {1} to change, {2} to remove, on {3} hosts.":
    "计划：在 {3} 台主机上新增 {0} 项，修改 {1} 项，删除 {2} 项。",
  "same macvlan network {0} on {1}": "在 {1} 上同属 macvlan 网络 {0}",
  "{0}'s parents are on different VLANs ({1} on {2}, {3} on {4})":
    "{0} 的父接口在不同的 VLAN 上（{2} 上是 {1}，{4} 上是 {3}）",
  untagged: "无标签",
  "same macvlan network {0}: the parents {1} on {2} and {3} on {4} share one L2 segment{5}":
    "同属 macvlan 网络 {0}：{2} 上的父接口 {1} 和 {4} 上的父接口 {3} 在同一个二层网段{5}",
  " (VLAN {0})": "（VLAN {0}）",
  "same bridge {0} on {1}": "在 {1} 上同属网桥 {0}",
  "routed bridge {0}: {1} routes {2} to {3}": "路由网桥 {0}：{1} 把 {2} 路由到 {3}",
  "the peer subnet": "对端子网",
  "bridge {0} is local to each host (cross_host: none): {1} and {2} have separate bridges":
    "网桥 {0} 只在各自主机内有效（cross_host: none）：{1} 和 {2} 各有各的网桥",
  "same overlay network {0} (VXLAN between hosts)": "同属 overlay 网络 {0}（主机之间走 VXLAN）",
  "same OVS network {0} (bridges joined by {1} tunnels)": "同属 OVS 网络 {0}（网桥之间通过 {1} 隧道相连）",
  "same {0} network {1}": "同属 {0} 网络 {1}",
  "different overlay networks are isolated: {0} is on {1}, the address is on {2}":
    "不同的 overlay 网络相互隔离：{0} 在 {1} 上，而这个地址在 {2} 上",
  "VLAN {0} and VLAN {1} are not routed: no router joins {2} and {3}":
    "VLAN {0} 和 VLAN {1} 之间没有路由：没有路由器连接 {2} 和 {3}",
  "{0} is not on {1} (it is on {2}), and nothing routes between them":
    "{0} 不在 {1} 上（它在 {2} 上），而且两者之间没有路由",
  "no network": "没有网络",
  "{0} and {1} share no network, so Docker's DNS does not know {2} (ping: bad address)":
    "{0} 和 {1} 没有共同的网络，所以 Docker 的 DNS 不认识 {2}（ping: bad address）",
  "Docker's DNS resolves {0} on {1}; {2}": "Docker 的 DNS 在 {1} 上能解析 {0}；{2}",
  "no shared network": "没有共同的网络",
  "no DNS across hosts on macvlan: {0}'s Docker does not know {1} on {2} (ping: bad address); use the IP":
    "macvlan 不能跨主机做 DNS 解析：{0} 的 Docker 不认识 {2} 上的 {1}（ping: bad address）；请用 IP",
  "Docker's DNS on bridge {0} only knows containers of {1}; {2} runs on {3}":
    "网桥 {0} 上 Docker 的 DNS 只认识 {1} 的容器；{2} 运行在 {3} 上",
  "{0} ({1}) is not a Docker network, so Docker's DNS has no names for it":
    "{0}（{1}）不是 Docker 网络，所以 Docker 的 DNS 里没有它的名字",
  "Docker's DNS on {0} ({1}) only knows containers of the same host": "{0}（{1}）上 Docker 的 DNS 只认识同一主机的容器",
  "{0} errors, {1} warnings, {2} notes": "{0} 个错误，{1} 个警告，{2} 条提示",
  "{0}: valid ({1})": "{0}：有效（{1}）",
  "the route to {0} was removed on {1}": "{1} 上通往 {0} 的路由被删掉了",
  "{0} was detached from {1} on {2}": "{2} 上的 {0} 被从 {1} 断开了",
  "{0} was moved from {1} to {2}, the network of another VLAN": "{0} 从 {1} 被挪到了 {2}，那是另一个 VLAN 的网络",
  "a route between the hosts is missing": "主机之间缺了一条路由",
  "a container is not attached to its network": "有个容器没有接在它的网络上",
  "a container is on the wrong VLAN": "有个容器接到了错误的 VLAN 上",
  "no lesson '{0}'": "没有课程 '{0}'",
  "id '{0}' differs from the file name '{1}'": "id '{0}' 与文件名 '{1}' 不一致",
  "there is no {0}": "没有 {0}",
  "step id '{0}' is used twice": "步骤 id '{0}' 用了两次",
  "a fault needs the pings that show it (predict)": "故障需要配上能暴露它的 ping（predict）",
  "no host '{0}' in the topology": "拓扑中没有主机 '{0}'",
  "no network '{0}' in the topology": "拓扑中没有网络 '{0}'",
  "no container '{0}' in the topology": "拓扑中没有容器 '{0}'",
  "host '{0}' has no interface '{1}'": "主机 '{0}' 没有接口 '{1}'",
  "no step of the plan matches {0}": "计划中没有步骤匹配 {0}",
  "a container does not ping itself here: pick two containers": "这里容器不 ping 自己：请选两个容器",
  "a ping by name takes no network: Docker's DNS picks it": "按名字 ping 不指定网络：由 Docker 的 DNS 决定",
  "{0} is not on {1}": "{0} 不在 {1} 上",
  "{0} is on {1}: say which network to ping it on": "{0} 在 {1} 上：请指明 ping 它在哪个网络上的地址",
  "{0} has no address to ping": "{0} 没有可以 ping 的地址",
  "{0} is not a bridge routed between hosts on {1}: it has no route to remove":
    "{0} 在 {1} 上不是跨主机路由的网桥：没有路由可删",
  "{0} has no peer host to route to": "{0} 没有可以路由到的对端主机",
  "{0} is not on {1} in the design": "设计中 {0} 不在 {1} 上",
  "{0} is not a macvlan network on {1}": "{0} 在 {1} 上不是 macvlan 网络",
  "{0} is already on {1} in the design": "设计中 {0} 已经在 {1} 上了",
  "{0} is on no other macvlan network to be moved from": "{0} 不在别的 macvlan 网络上，无从挪走",
  "the two overlays are isolated by design": "两个 overlay 按设计本来就相互隔离",
  "no DNS across hosts on macvlan: use the IP": "macvlan 不能跨主机做 DNS 解析：请用 IP",
  "VLAN {0} and VLAN {1} are not routed": "VLAN {0} 和 VLAN {1} 之间没有路由",
  "host {0} unreachable: {1}": "无法连接主机 {0}：{1}",
  "no answer": "没有应答",
  "container {0} does not exist on {1} (crossnet apply creates it)": "{1} 上没有容器 {0}（crossnet apply 会创建它）",
  "container {0} is not running (docker start {1} on {2})": "容器 {0} 没有在运行（在 {2} 上执行 docker start {1}）",
  "the probe could not run on {0}: {1}": "探测无法在 {0} 上运行：{1}",
  "no result": "没有结果",
  "Docker's DNS on {0} did not resolve {1} ({2}) although both are on {3}":
    "{0} 上 Docker 的 DNS 没能解析 {1}（{2}），尽管两者都在 {3} 上",
  "a shared network": "同一个网络",
  "{0} of {1} replies{2}": "{1} 个里收到 {0} 个回应{2}",
  "expected reach ({0}), but got {1}; the design and the hosts' observed state show no cause":
    "预期能通（{0}），实际却是 {1}；从设计和主机的实际状态都看不出原因",
  "expected isolation ({0}), but it reached": "预期隔离（{0}），实际却通了",
  "{0}: {1} is attached to {2} on {3}, which the design does not say (drift: crossnet status shows it)":
    "{0}：{3} 上的 {1} 接入了 {2}，而设计中没有这样写（偏差：crossnet status 会显示）",
  "{0} has the gateways of both networks ({1} on {2}, {3} on {4}) and forwards between them":
    "{0} 拥有两个网络的网关（{2} 上的 {1}，{4} 上的 {3}），并在它们之间转发",
  "; it is only on {0} and the two overlays are isolated by design":
    "；它只在 {0} 上，而两个 overlay 按设计本来就相互隔离",
  "{0} is not attached to {1} on {2}{3} (docker network connect {4} {5}, or crossnet apply)":
    "{2} 上的 {0} 没有接入 {1}{3}（执行 docker network connect {4} {5}，或 crossnet apply）",
  "no DNS across hosts on macvlan: use the IP ({0}'s Docker does not know {1})":
    "macvlan 不能跨主机做 DNS 解析：请用 IP（{0} 的 Docker 不认识 {1}）",
  "network {0} does not exist on {1} (crossnet apply creates it)": "{1} 上没有网络 {0}（crossnet apply 会创建它）",
  "parent NIC {0} of {1} is missing": "{1} 的父网卡 {0} 不存在",
  "parent NIC {0} of {1} is down": "{1} 的父网卡 {0} 未启用",
  "parent NIC {0} of {1} is not promiscuous (ip link set {2} promisc on)":
    "{1} 的父网卡 {0} 没有开启混杂模式（ip link set {2} promisc on）",
  "the parents are on different VLANs ({0} on {1}, {2} on {3})": "父接口在不同的 VLAN 上（{1} 上是 {0}，{3} 上是 {2}）",
  "no route between the bridge subnets of {0} and {1} (route to {2} missing on {3})":
    "{0} 和 {1} 的网桥子网之间没有路由（{3} 上缺少通往 {2} 的路由）",
  "IP forwarding is off on {0} (net.ipv4.ip_forward=0), so it does not pass packets between its NIC and bridge {1}":
    "{0} 上没有开启 IP 转发（net.ipv4.ip_forward=0），所以它不会在网卡和网桥 {1} 之间转发数据包",
  "Docker's FORWARD policy drops packets from {0} into bridge {1} on {2} (the DOCKER-USER ACCEPT rule is missing)":
    "{2} 上 Docker 的 FORWARD 策略丢弃了从 {0} 进入网桥 {1} 的数据包（缺少 DOCKER-USER 的 ACCEPT 规则）",
  "{0} is not in the swarm, so overlay {1} does not reach it (crossnet apply joins it)":
    "{0} 不在 swarm 中，所以 overlay {1} 到不了它（crossnet apply 会让它加入）",
  "{0}'s dockerd runs without --cluster-store, so overlay {1} has no control plane there":
    "{0} 的 dockerd 运行时没有 --cluster-store，所以 overlay {1} 在那里没有控制平面",
  Done: "完成",
  Partial: "部分完成",
  Failed: "失败",
  "{0}: refused. {1}": "{0}：被拒绝。{1}",
  "no changes were needed": "无需任何改动",
  "{0} ok, {1} failed, {2} unknown, {3} skipped in {4} s":
    "{0} 个成功，{1} 个失败，{2} 个未知，{3} 个跳过，用时 {4} 秒",
  "; the hosts match the design.": "；主机与设计一致。",
  "; what Crossnet created is gone.": "；Crossnet 创建的东西都已删除。",
  ".": "。",
  "; run it again once the cause is fixed: it observes first and continues from what is there.":
    "；排除原因后再运行一次：它会先查看主机，再从现有状态继续。",
  "{0}: {1}{2}": "{0}：{1}{2}",
  "This host waited for a step on another host that failed; fix that one first, then Apply again.":
    "这台主机在等待另一台主机上的某个步骤，而那个步骤失败了；先修复那一台，再重新应用。",
  "Only one macvlan network may use a parent interface: give the second network a VLAN sub-interface (NIC.VID) as parent, or remove the other network.":
    "一个父接口只能给一个 macvlan 网络使用：给第二个网络指定一个 VLAN 子接口（NIC.VID）作为父接口，或删除另一个网络。",
  "The host presented another key than the one pinned. Check it out of band; for the lab, host keys change at every bring-up: the lab inventory is re-registered automatically.":
    "主机出示的密钥与固定的不一致。请通过其他途径核对；实验环境每次启动主机密钥都会变，它的清单会自动重新登记。",
  "The host did not answer on SSH: check it is up (Hosts & lab page: Test connection), its address and port.":
    '主机没有响应 SSH：检查它是否在线（"主机与实验环境"页面：测试连接），以及地址和端口。',
  "SSH refused the key: check the user and key of this host in the inventory (Hosts & lab page).":
    'SSH 拒绝了这个密钥：检查清单中这台主机的用户和密钥（"主机与实验环境"页面）。',
  "dockerd is not running or not reachable on this host: start it (systemctl start docker), then Apply again.":
    "这台主机上的 dockerd 没有运行或无法访问：启动它（systemctl start docker），然后重新应用。",
  "A container of that name exists and Crossnet did not create it: remove it by hand (docker rm -f NAME) or rename the container in the design.":
    "已经有一个同名容器，而且不是 Crossnet 创建的：手动删除它（docker rm -f NAME），或在设计中给容器改名。",
  "A network of that name exists and Crossnet did not create it: remove it by hand (docker network rm NAME) or rename the network.":
    "已经有一个同名网络，而且不是 Crossnet 创建的：手动删除它（docker network rm NAME），或给网络改名。",
  "The address is taken on that network: pick a free IP in the design, or remove what holds it.":
    "这个地址在该网络上已被占用：在设计中选一个空闲的 IP，或删除占用它的东西。",
  "The subnet overlaps a network that exists on the host: choose another subnet in the design.":
    "子网与主机上已有的网络重叠：在设计中换一个子网。",
  "The kernel lacks this link type (e.g. no 802.1q module): on the lab, VLANs are emulated by OVS; on a real host load the module (modprobe 8021q).":
    "内核不支持这种链路类型（例如没有 802.1q 模块）：实验环境里 VLAN 由 OVS 模拟；在真实主机上请加载模块（modprobe 8021q）。",
  "The swarm is not ready on this host: Apply again, it joins the swarm before creating the network.":
    "这台主机上的 swarm 还没有就绪：重新应用，它会先加入 swarm 再创建网络。",
  "Something the step needs is gone (removed by hand?): Apply again, it observes the hosts first and re-creates it.":
    "这个步骤需要的东西不见了（被手动删了？）：重新应用，它会先查看主机，再把它重新创建出来。",
  "No answer, so the step may or may not have run. Apply again: it observes first and continues from what is there.":
    "没有应答，所以这个步骤可能执行了，也可能没有。重新应用：它会先查看主机，再从现有状态继续。",
  "Another apply runs on this host: wait for it to finish (Runs page), then Apply again.":
    '这台主机上正在进行另一次应用：等它结束（"运行记录"页面），再重新应用。',
  "The command is not installed on this host (exit 127): install it (e.g. iproute2, docker.io, openvswitch-switch).":
    "这台主机上没有安装该命令（退出码 127）：请安装它（例如 iproute2、docker.io、openvswitch-switch）。",
  "Fix the cause shown above, then Apply again: it observes the hosts first and continues from what is there.":
    "先排除上面显示的原因，再重新应用：它会先查看主机，再从现有状态继续。",
  "running…": "运行中…",
  "{0}/{1} cells pass{2}{3}{4}": "{0}/{1} 个格子通过{2}{3}{4}",
  ", {0} fail": "，{0} 个未通过",
  " (stopped)": "（已停止）",
  " · re-run of failed cells": " · 重跑失败的格子",
  "refused: {0}": "被拒绝：{0}",
  "no changes needed": "无需改动",
  "{0} ok": "{0} 个成功",
  "{0} failed": "{0} 个失败",
  "{0} unknown": "{0} 个未知",
  "{0} skipped": "{0} 个跳过",
  "{0}{1}": "{0}{1}",
  "; converged": "；已收敛",
  "building lab '{0}': {1}": "正在搭建实验环境 '{0}'：{1}",
  starting: "正在启动",
  ready: "就绪",
  "inventory written to {0}": "清单已写入 {0}",
  "{0}: {1} removed": "{0}：删除了 {1} 个",
  "lab '{0}' up: {1} host(s) in {2} s; inventory '{3}'": "实验环境 '{0}' 已启动：{1} 台主机，用时 {2} 秒；清单 '{3}'",
  "not registered": "未登记",
  "lab down in {0} s: removed {1} containers, {2} namespaces":
    "实验环境已关闭，用时 {0} 秒：删除了 {1} 个容器、{2} 个命名空间",
  "no lab was up; nothing to remove": "没有运行中的实验环境；无需删除任何东西",
  "{0} ({1} warning(s): {2})": "{0}（{1} 个警告：{2}）",
  "{0} unreachable": "{0} 个无法连接",
  "{0} conflict": "{0} 个冲突",
  "{0} missing": "{0} 个缺失",
  "{0} changed": "{0} 个有变化",
  "{0} extra": "{0} 个多余",
  "in sync: the hosts match the design": "一致：主机与设计相符",
  "VLAN {0}": "VLAN {0}",
  "NIC '{0}'": "网卡 '{0}'",
  "container '{0}'": "容器 '{0}'",
  "network '{0}'": "网络 '{0}'",
  "host '{0}'": "主机 '{0}'",
  "Connect two elements of the design.": "请连接设计中的两个元素。",
  "An element cannot connect to itself.": "元素不能连接到它自己。",
  "Connect a NIC, VLAN or container of the host, not the host itself.":
    "请连接主机的网卡、VLAN 或容器，而不是主机本身。",
  "{0} is already on network '{1}'.": "{0} 已经在网络 '{1}' 上了。",
  "Containers reach each other through a network: connect each one to a network.":
    "容器之间通过网络互通：请把每个容器都连到一个网络上。",
  "A container connects to a network, not to a {0}; Docker picks the interface.":
    "容器要连到网络上，而不是连到 {0} 上；用哪个接口由 Docker 决定。",
  "Only macvlan networks take a parent interface; '{0}' is {1}.": "只有 macvlan 网络才需要父接口；'{0}' 是 {1}。",
  "Network '{0}' already has a parent on {1}{2}: one per host.":
    "网络 '{0}' 在 {1} 上已经有父接口了{2}：每台主机只能有一个。",
  " ({0})": "（{0}）",
  "Networks do not connect to each other.": "网络之间不能互相连接。",
  "A VLAN belongs to one NIC: choose its NIC in the inspector.": "一个 VLAN 属于一块网卡：请在属性面板中选择它的网卡。",
  "Interfaces connect to macvlan networks, not to each other.": "接口要连到 macvlan 网络上，而不是互相连接。",
  "Put a {0} inside a host.": "请把 {0} 放到主机里。",
  "A VLAN sub-interface sits on a NIC: add a NIC to this host first.":
    "VLAN 子接口依附于网卡：请先给这台主机添加一块网卡。",
  "a NIC": "网卡",
  "a VLAN sub-interface": "VLAN 子接口",
  "a container": "容器",
  "Drop {0} inside a host.": "请把{0}拖到主机里。",
  "Select a host first, then add {0} (or drag it onto a host).": "请先选中一台主机，再添加{0}（或把它拖到主机上）。",
  "Copied {0} element.": "已复制 {0} 个元素。",
  "Copied {0} elements.": "已复制 {0} 个元素。",
  // Swarm addresses are read back, never guessed (issue 10).
  "network '{0}' sets an ip_range but no subnet": "网络 '{0}' 设置了 ip_range，却没有子网",
  "Docker only accepts --ip-range together with --subnet: add the subnet that holds the range.":
    "Docker 只在同时给出 --subnet 时才接受 --ip-range：请添加包含该范围的子网。",
  "Swarm also keeps one address per node ({0}) for its load balancer: use a larger subnet (a smaller prefix number).":
    "Swarm 还会为每个节点（{0} 个）保留一个负载均衡地址：请使用更大的子网（更小的前缀长度）。",
  "Crossnet reads the real addresses back after apply and tests those. To know them in advance, set a subnet, an ip_range, and fixed ips outside the range.":
    "Crossnet 在部署后读回真实地址，并用它们来测试。想事先知道地址，请设置子网、ip_range，以及范围之外的固定 ip。",
  "swarm takes one address of '{0}' per node for its load balancer (lb-{1}) when the node first attaches; the fixed addresses of {2} may be the one it takes":
    "节点第一次接入时，swarm 会在 '{0}' 上为每个节点取一个地址给它的负载均衡器（lb-{1}）；{2} 的固定地址可能正好被它占用",
  "Add an ip_range to '{0}'{1} and keep the fixed addresses outside it: swarm then draws its own addresses from the range only.":
    "给 '{0}' 加上 ip_range{1}，并让固定地址留在范围之外：这样 swarm 只从该范围内分配它自己的地址。",
  "fixed address {0} of '{1}' is inside ip_range {2} of '{3}', where swarm draws its load-balancer and other addresses":
    "'{1}' 的固定地址 {0} 位于 '{3}' 的 ip_range {2} 之内，而 swarm 正是从这里分配负载均衡器等地址",
  "Pick an address of the subnet outside the ip_range.": "请在子网中选一个 ip_range 之外的地址。",
  " (e.g. {0})": "（例如 {0}）",
  " (address given by swarm at run time)": "（地址由 swarm 在运行时分配）",
  "; address given by swarm at run time (Crossnet reads it back after apply, and the tests use it)":
    "；地址由 swarm 在运行时分配（Crossnet 在部署后读回，测试使用该地址）",
  "Swarm did not give the attachment in time: the address asked for may be taken by another endpoint (swarm's lb-NET load balancer takes one per node), or the manager could not be reached. 'docker network inspect NET' on the manager shows who holds what.":
    "Swarm 没能及时完成接入：所请求的地址可能已被其他端点占用（swarm 的 lb-NET 负载均衡器在每个节点上占一个），或者连不上管理节点。在管理节点上运行 'docker network inspect NET' 可以看到谁占用了哪个地址。",
  "the swarm manager {0} could not be asked about {1} ({2}): the worker probably could not reach it either; check the manager is up and the hosts reach each other on port 2377":
    "无法向 swarm 管理节点 {0} 查询 {1}（{2}）：工作节点很可能也连不上它；请检查管理节点是否在运行，以及主机之间能否通过 2377 端口互通",
  "no swarm manager among the design's hosts answered: the worker could not get its attachment to {0} from a manager; check the manager is up and the hosts reach each other on port 2377":
    "设计中的主机没有一个 swarm 管理节点应答：工作节点无法从管理节点获得接入 {0} 的许可；请检查管理节点是否在运行，以及主机之间能否通过 2377 端口互通",
  "address {0} on {1} is taken by {2}, the load-balancer endpoint swarm allocates on each node for each overlay (seen on the manager {3}): give {4} another address outside the overlay's ip_range, or no fixed address":
    "{1} 上的地址 {0} 已被 {2} 占用，它是 swarm 在每个节点上为每个 overlay 分配的负载均衡端点（在管理节点 {3} 上看到）：请给 {4} 换一个 overlay 的 ip_range 之外的地址，或者不设固定地址",
  "address {0} on {1} is taken by {2} (seen on the manager {3}): give {4} another address":
    "{1} 上的地址 {0} 已被 {2} 占用（在管理节点 {3} 上看到）：请给 {4} 换一个地址",
  "the manager {0} answered but shows no endpoint holding {1} on {2}: the attachment likely timed out between the worker and the manager (port 2377, or the manager was busy); apply again":
    "管理节点 {0} 有应答，但在 {2} 上没有端点占用 {1}：接入很可能是在工作节点与管理节点之间超时了（2377 端口，或管理节点太忙）；请再部署一次",
  "the requested address": "所请求的地址",
  "why: {0}": "原因：{0}",
  // Differential testing (issue 10): routes through the hosts, shadowed addresses, OVS star tunnels.
  "UDP port {0}": "UDP 端口 {0}",
  "routed bridge {0} needs the hosts to route, but {1}'s default route {2}: {3} never reaches {4}":
    "路由网桥 {0} 需要主机来转发，但 {1} 的默认路由{2}：{3}到不了 {4}",
  "the request": "请求",
  "the reply": "回复",
  "{0}'s default route {1}, and {2} routes {3} (routed bridge {4}) to {5}; {6} answers {7} through its own host":
    "{0} 的默认路由{1}，{2} 把 {3}（路由网桥 {4}）路由到 {5}；{6} 经由自己的主机回复 {7}",
  "goes out through macvlan {0}'s gateway (the one Docker picked among the container's networks), where nothing routes":
    "走 macvlan {0} 的网关出去（这是 Docker 在容器的各个网络中选定的网关），那里没有任何路由",
  "is missing (no Docker network with a gateway)": "不存在（没有带网关的 Docker 网络）",
  "leads through bridge {0} to its host": "经网桥 {0} 通到它的主机",
  "leads through docker_gwbridge to its host": "经 docker_gwbridge 通到它的主机",
  "{0} is {1}'s own address on {2}: the ping answers itself and never reaches {3}":
    "{0} 是 {1} 自己在 {2} 上的地址：ping 由它自己应答，根本到不了 {3}",
  "{0} is also {1}'s address on {2}, on {3}'s own segment ({4}): {5} answers, not {6}":
    "{0} 也是 {1} 在 {2} 上的地址，就在 {3} 自己的网段上（{4}）：应答的是 {5}，不是 {6}",
  "the lab cannot build GRE tunnel {0} of {1}: its kernel has no GRE (gretap) devices, and userspace OVS only tunnels over a NIC it owns":
    "实验环境无法建立 {1} 的 GRE 隧道 {0}：它的内核没有 GRE（gretap）设备，而用户态 OVS 只能通过它自己掌管的网卡建隧道",
  "On the lab, use tunnel: vxlan for this OVS network (the same bridges, VXLAN frames on the wire); GRE works on hosts with the OVS kernel module.":
    "在实验环境中请给这个 OVS 网络使用 tunnel: vxlan（网桥不变，线路上是 VXLAN 帧）；GRE 可在装有 OVS 内核模块的主机上使用。",
  "networks.{0}.control: the KV-store overlay '{1}' cannot run on {2}: it runs Docker {3} (API {4}), and --cluster-store was removed in Docker {5}":
    "networks.{0}.control：KV 存储 overlay '{1}' 无法在 {2} 上运行：它运行的是 Docker {3}（API {4}），而 --cluster-store 在 Docker {5} 中已被移除",
  "Use control: swarm for '{0}' (swarm mode overlays work on every Docker since 1.12), or run Docker 20.10 or older on {1}. Crossnet writes no cluster store there: a dockerd {2}+ refuses to start with one in daemon.json.":
    "请为 '{0}' 使用 control: swarm（swarm 模式的 overlay 自 Docker 1.12 起都可用），或在 {1} 上运行 Docker 20.10 或更早的版本。Crossnet 不会在那里写入 cluster store：dockerd {2}+ 在 daemon.json 中有它时会拒绝启动。",
  "the document nests {0} levels deep at line {1}; the limit is {2}": "文档在第 {1} 行嵌套了 {0} 层；上限是 {2}",
  "a list or map has more than {0} entries (at line {1})": "某个列表或映射超过 {0} 项（在第 {1} 行）",
  "A design is a few levels of maps of names: flatten or split the document.":
    "设计文件只有几层按名字组织的映射：请把文档改平或拆分。",
  // Canvas and editor (issue 13).
  "address {0} of {1} is also the address of {2}": "{1} 的地址 {0} 也是 {2} 的地址",
  "Each host interface needs its own address (both would answer ARP for it): pick another one in the same subnet.":
    "每个主机接口都需要自己的地址（否则两者都会应答该地址的 ARP）：请在同一子网里另选一个地址。",
  "Removes {0}, which Crossnet created for {1}.": "删除 {0}，它是 Crossnet 为 {1} 创建的。",
  "Removes network {0}, which Crossnet created for {1}.": "删除网络 {0}，它是 Crossnet 为 {1} 创建的。",
  "stopped on swarm overlay {0}, which a worker forgets while nothing runs on it ('docker start' would say \"network not found\")":
    "在 swarm overlay {0} 上处于停止状态，而工作节点在其上没有运行中的容器时会忘掉这个网络（'docker start' 会报 \"network not found\"）",
  // Lessons: a fault that breaks something on the lab too (issue 13).
  "{0} of {1} was taken down (ip link set {2} down), as a pulled cable would":
    "{1} 的 {0} 被关闭了（ip link set {2} down），就像拔掉了网线",
  "a host's network interface is down": "有台主机的网卡处于关闭（down）状态",
  // Services, published ports, macvlan shims, tcp/udp/mtu checks (issue 12).
  "'{0}' is not a port": "'{0}' 不是端口",
  "Write a whole number from 1 to 65535, e.g. 80.": "请写 1 到 65535 之间的整数，例如 80。",
  "'{0}' is not a published port": "'{0}' 不是发布端口",
  "Write HOSTPORT:PORT/tcp or ADDR:HOSTPORT:PORT/udp with ports 1-65535 and an IPv4 ADDR, e.g. 8080:80/tcp.":
    "请写 HOSTPORT:PORT/tcp 或 ADDR:HOSTPORT:PORT/udp，端口为 1-65535，ADDR 为 IPv4 地址，例如 8080:80/tcp。",
  "{0} has no address {1} to publish {2} on": "{0} 没有地址 {1}，无法在其上发布 {2}",
  "Use one of {0}'s addresses ({1}), or leave the address out to publish on all of them.":
    "请使用 {0} 的某个地址（{1}），或省略地址以在所有地址上发布。",
  "none in the design": "设计中没有",
  "{0}'s {1} port {2} is published twice ({3} and {4})": "{0} 的 {1} 端口 {2} 被发布了两次（{3} 和 {4}）",
  'Docker gives a host port to one container only ("port is already allocated"): pick another host port.':
    'Docker 只把一个主机端口分给一个容器（"port is already allocated"）：请换一个主机端口。',
  "shim {0} on {1} names {2}, which is not a macvlan network with a parent on {3}":
    "{1} 上的 shim {0} 指向 {2}，但它不是在 {3} 上有父接口的 macvlan 网络",
  "A shim joins a macvlan network on the host that is its parent: name such a network, or give it a parent on {0}.":
    "shim 加入的是以本主机为父接口的 macvlan 网络：请指定这样的网络，或在 {0} 上给它一个父接口。",
  "shim {0}'s address {1} is outside {2}'s subnet {3}": "shim {0} 的地址 {1} 不在 {2} 的子网 {3} 内",
  "Give the shim a free address of {0}, e.g. near its end.": "请给 shim 一个 {0} 中的空闲地址，例如靠近末尾的地址。",
  "shim {0}'s address {1} is also {2}'s on {3}": "shim {0} 的地址 {1} 也是 {2} 在 {3} 上的地址",
  "Give the shim an address no container uses.": "请给 shim 一个没有容器使用的地址。",
  "published ports are {0}, design says {1}": "发布的端口是 {0}，设计要求 {1}",
  " -p {0} publishes ports on {1}: Docker forwards connections to {2}'s address and HOSTPORT (DNAT in iptables) to the container's PORT, which is how containers on other hosts reach it without a shared network.{3}":
    " -p {0} 在 {1} 上发布端口：Docker 把到 {2} 的地址和 HOSTPORT 的连接（iptables 中的 DNAT）转发到容器的 PORT，其他主机上的容器无需共享网络即可由此访问它。{3}",
  " On macvlan, Docker publishes nothing: the container is reached at its own address.":
    " 在 macvlan 上 Docker 不发布任何端口：要通过容器自己的地址访问它。",
  "{0}; {1} listens on {2} {3}": "{0}；{1} 在 {2} {3} 上监听",
  "{0}; {1} {2} is published on {3} as {4}: connect there instead": "{0}；{1} {2} 在 {3} 上发布为 {4}：请改为连接那里",
  "{0}; and {1} {2} is not published on {3}, so nothing forwards it from outside {4}":
    "{0}；而且 {1} {2} 没有在 {3} 上发布，所以 {4} 之外没有任何东西转发它",
  "{0}'s default route goes out through macvlan {1}'s gateway, where nothing routes to {2}'s {3}":
    "{0} 的默认路由走 macvlan {1} 的网关出去，那里没有任何路由通往 {2} 的 {3}",
  "{0} has no default route, so it cannot reach {1}'s {2}": "{0} 没有默认路由，所以到不了 {1} 的 {2}",
  "{0} and {1} share no subnet, so {2} has no route to {3}'s {4}":
    "{0} 和 {1} 没有共同的子网，所以 {2} 没有到 {3} 的 {4} 的路由",
  "{0} is on no bridge or overlay network, so Docker's -p forwards nothing to it":
    "{0} 不在任何 bridge 或 overlay 网络上，所以 Docker 的 -p 不会向它转发任何东西",
  "{0} forwards {1} {2} to {3}:{4}, but the design has no service on {5} {6} there (refused)":
    "{0} 把 {1} {2} 转发到 {3}:{4}，但设计中那里没有 {5} {6} 服务（会被拒绝）",
  "{0} leaves through its host {1} (NAT), and {2} forwards {3} {4} on {5} to {6}:{7} (docker run -p)":
    "{0} 经它的主机 {1} 出去（NAT），{2} 把 {5} 上的 {3} {4} 转发到 {6}:{7}（docker run -p）",
  "overlay {0}: containers' interfaces are 1450, leaving room for VXLAN's 50 bytes":
    "overlay {0}：容器接口的 MTU 是 1450，给 VXLAN 的 50 字节留出空间",
  "OVS bridge {0} on one host: no tunnel on the path": "同一主机上的 OVS 网桥 {0}：路径上没有隧道",
  "OVS network {0} tunnels through GRE, whose 38 bytes come off 1500":
    "OVS 网络 {0} 经 GRE 隧道，1500 要减去它的 38 字节",
  "OVS network {0} tunnels through VXLAN, whose 50 bytes come off 1500":
    "OVS 网络 {0} 经 VXLAN 隧道，1500 要减去它的 50 字节",
  "{0} {1} on one host": "同一主机上的 {0} {1}",
  "{0} {1} encapsulates between hosts (VXLAN)": "{0} {1} 在主机之间封装（VXLAN）",
  "{0} {1}: no encapsulation, Ethernet's 1500": "{0} {1}：没有封装，以太网的 1500",
  "packets up to {0} bytes pass with DF set: {1}": "设置 DF 时最大可通过 {0} 字节的包：{1}",
  "MTU black hole: {0}'s route to {1} claims {2} bytes, but only {3} pass with DF set; larger packets vanish without an ICMP \"fragmentation needed\" (an interface MTU set above the path's: set it to {4}, or lower the MTU where the path narrows)":
    'MTU 黑洞：{0} 到 {1} 的路由声称可发 {2} 字节，但设置 DF 时只有 {3} 字节能通过；更大的包无声无息地消失，没有 ICMP "fragmentation needed"（接口 MTU 设得比路径的大：把它设为 {4}，或在路径变窄处调低 MTU）',
  "the path to {0} carries {1} bytes, less than the {2} expected: {3}'s interface MTU is {4} (lowered by hand, or by the network's settings)":
    "到 {0} 的路径能承载 {1} 字节，小于预期的 {2}：{3} 的接口 MTU 是 {4}（被手动调低，或由网络设置调低）",
  "the path to {0} carries {1} bytes, more than the {2} expected: the network's MTU is set higher than Crossnet assumes":
    "到 {0} 的路径能承载 {1} 字节，大于预期的 {2}：网络的 MTU 设置得比 Crossnet 假定的高",
  "refused: {0} forwards port {1} to {2}, but nothing listens there (the service is not running in {3}, or listens on another port than the one published)":
    "被拒绝：{0} 把端口 {1} 转发给 {2}，但那里没有任何程序监听（{3} 中的服务没有运行，或监听的不是发布的端口）",
  "refused: nothing listens on {0} {1} in {2}; the path works (the reset came back), the service is not running":
    "被拒绝：{2} 中没有程序监听 {0} {1}；路径是通的（收到了 RST），是服务没有运行",
  "filtered: no answer from {0}; {1} may not publish that port (docker port {2}) or a firewall drops it":
    "被过滤：{0} 没有应答；{1} 可能没有发布该端口（docker port {2}），或者防火墙丢弃了它",
  "Creates {0}, a macvlan interface of {1} itself on {2}: macvlan never passes frames between a parent and its children, but children (the containers and this shim) talk to each other, so {3} reaches its {4} containers through it.":
    "创建 {0}，它是 {1} 自己在 {2} 上的 macvlan 接口：macvlan 从不在父接口和子接口之间转发帧，但子接口之间（容器和这个 shim）可以互通，所以 {3} 经它访问自己的 {4} 容器。",
  "Gives {0} the address {1}; as a /32 it adds no subnet route, so the parent keeps its own.":
    "给 {0} 配上地址 {1}；作为 /32 它不会添加子网路由，父接口保留自己的路由。",
  "Routes {0}'s {1} through {2} instead of {3}, from which macvlan would never deliver it.":
    "把 {0} 的 {1} 经 {2} 路由，而不是经 {3}——macvlan 永远不会从那里把包送到。",
  "Deletes the shim {0} and with it its address and routes.": "删除 shim {0}，连同它的地址和路由。",
  "{0}'s shim {1} ({2}) is a macvlan interface of its own on {3}: it reaches {4} like a neighbour container":
    "{0} 的 shim {1}（{2}）是它自己在 {3} 上的 macvlan 接口：它像邻居容器一样能访问 {4}",
  "macvlan keeps a parent and its children apart: {0} cannot reach its own macvlan container {1} (add a shim on {2} to {3})":
    "macvlan 把父接口和子接口隔开：{0} 访问不到自己的 macvlan 容器 {1}（给 {3} 加一个 {2} 上的 shim）",
  "{0} has {1} in {2}'s subnet {3} on the segment {4}'s parent is on: it reaches {5} directly":
    "{0} 在 {4} 的父接口所在的网段上有 {2} 子网 {3} 中的地址 {1}：它能直接访问 {5}",
  "{0} has no address in {1}'s subnet {2} and no route to it: nothing carries its packets to {3}":
    "{0} 在 {1} 的子网 {2} 中没有地址，也没有到它的路由：没有任何东西把它的包送到 {3}",
  "(unknown)": "（未知）",
  "{0} owns bridge {1}'s gateway address: it reaches {2} on it directly":
    "{0} 拥有网桥 {1} 的网关地址：它在其上直接访问 {2}",
  "{0} has no route to {1}'s address on {2} ({3}): only {4}'s containers and Docker reach it":
    "{0} 没有到 {1} 在 {2}（{3}）上的地址的路由：只有 {4} 的容器和 Docker 能访问它",
  "{0}'s shim {1} on {2} answers for {3}'s addresses: {4} reaches {5} through it":
    "{0} 在 {2} 上的 shim {1} 代 {3} 的地址应答：{4} 经它访问 {5}",
  "macvlan keeps a parent and its children apart: {0} cannot reach its own host {1} at {2} (add a shim on {3} to {4})":
    "macvlan 把父接口和子接口隔开：{0} 访问不到自己的主机 {1} 的 {2}（给 {4} 加一个 {3} 上的 shim）",
  "{0} of {1} is on {2}'s macvlan segment {3}: reached directly": "{1} 的 {0} 在 {2} 的 macvlan 网段 {3} 上：直接可达",
  "{0}'s default route leads to its own host {1}, which owns {2}":
    "{0} 的默认路由通到它自己的主机 {1}，{2} 就是该主机的地址",
  "{0} leaves through its host {1}, which masquerades it (NAT) onto the hosts' network where {2} has {3}":
    "{0} 经它的主机 {1} 出去，该主机对它做地址伪装（NAT）送到主机网络上，{2} 在那里有 {3}",
  "its default route goes out through macvlan {0}'s gateway, where nothing routes":
    "它的默认路由走 macvlan {0} 的网关出去，那里没有任何路由",
  "it has no default route": "它没有默认路由",
  "{0} has no route to {1}": "{0} 没有到 {1} 的路由",
  "{0} cannot reach {1} at {2}: {3}": "{0} 访问不到 {1} 的 {2}：{3}",
  "expected reach ({0}), but got {1} of {2} replies{3}; the design and the hosts' observed state show no cause":
    "预期可达（{0}），但只收到 {2} 个中的 {1} 个应答{3}；设计和观察到的主机状态都看不出原因",
  "{0} already has an interface {1} that is not this design's shim ({2}{3})":
    "{0} 已有接口 {1}，但它不是本设计的 shim（{2}{3}）",
  "Name the shim differently in the design, or remove that interface by hand ('ip link del {0}') if it is a leftover.":
    "请在设计中给 shim 换个名字；如果那个接口是残留的，请手动删除它（'ip link del {0}'）。",
  "not labelled": "没有标签",
  "Brings {0} up, labelled {1} in its alias so Crossnet removes it when the design drops it.":
    "启用 {0}，并在它的别名中标记 {1}，以便设计不再需要它时 Crossnet 删除它。",
  "Deletes the shim {0}, which Crossnet made for this topology but the design no longer has.":
    "删除 shim {0}：它是 Crossnet 为该拓扑创建的，但设计中已不再有它。",
  // Lesson capture questions (issue 15).
  "the trace's containers: {0}": "追踪的容器：{0}",
  "no capture point '{0}' in the design": "设计中没有抓包点 '{0}'",
  "'{0}' is not on the path of {1} → {2} ({3})": "'{0}' 不在 {1} → {2} 的路径上（{3}）",
  // Capture and trace (issue 15).
  "A trace saw the request nowhere on its path.": "追踪在路径上的任何位置都没有看到请求。",
  "A trace last saw the request at {0}, not at {1}.": "追踪最后在 {0} 看到请求，在 {1} 没有看到。",
  "A trace saw the request arrive at {0}.": "追踪看到请求到达了 {0}。",
  // daemon.json merged, not replaced (security finding 9)
  "it could not be read ({0})": "无法读取它（{0}）",
  "it is not valid JSON ({0})": "它不是有效的 JSON（{0}）",
  "it is not a JSON object": "它不是一个 JSON 对象",
  "{0}'s {1} cannot be merged: {2}": "{0} 上的 {1} 无法合并：{2}",
  "Crossnet changes only cluster-store and cluster-advertise in that file and keeps the rest; fix the file by hand (or move it away), then apply again.":
    "Crossnet 只修改该文件中的 cluster-store 和 cluster-advertise，其余保持不变；请手动修好该文件（或把它移走），然后再次 apply。",
  "no {0}": "没有 {0}",
  "no backup of {0}": "{0} 没有备份",
  "Notes that {0} had no {1}, so destroy removes the one Crossnet writes.":
    "记下 {0} 原本没有 {1}，这样 destroy 会删除 Crossnet 写入的那个文件。",
  "Keeps a byte-exact copy of {0}'s {1} as {2} (or notes that there was none); destroy puts it back.":
    "把 {0} 的 {1} 逐字节复制保存为 {2}（没有该文件时则记下这一点）；destroy 会把它放回去。",
  "not read yet": "尚未读取",
  "Puts back {0}'s own {1}, as it was before Crossnet merged its cluster store into it.":
    "放回 {0} 自己的 {1}，恢复到 Crossnet 合并 cluster store 之前的样子。",
  "Removes the {0} Crossnet wrote: {1} had none before.": "删除 Crossnet 写入的 {0}：{1} 原本没有这个文件。",
  "daemon settings restored": "守护进程配置已恢复",
  "Restarts dockerd so it runs with the host's own settings again (without the cluster store).":
    "重启 dockerd，让它重新使用主机自己的配置运行（不带 cluster store）。",
  // the KV store's firewall (security finding 9)
  "the KV store's DROP rule is missing": "KV 数据库的 DROP 规则不见了",
  "Takes the allow rule out so it can go back above the DROP rule inserted next.":
    "先删掉这条放行规则，好让它重新插到接下来插入的 DROP 规则之上。",
  "Takes out the KV store's allow rule for an address that is no longer one of the design's hosts.":
    "删掉 KV 数据库针对某个地址的放行规则：该地址已不再属于设计中的任何主机。",
  "The KV store has no authentication: this drops connections to port {0} from anywhere but the design's hosts (allowed by the rules above it).":
    "KV 数据库没有认证：这条规则丢弃除设计中各主机以外的一切到端口 {0} 的连接（那些主机由它上面的规则放行）。",
  "Lets the design's host at {0} reach the KV store on port {1}.":
    "允许设计中位于 {0} 的主机访问端口 {1} 上的 KV 数据库。",
  "not a host of the design": "不是设计中的主机",
  // Link impairment (issue 12).
  "impaired: {0} on {1}": "受损：{1} 上的 {0}",
  "Removes the {0} that 'crossnet impair' put on {1} (its root qdisc, handle c0de:): the design has no such limit.":
    "删除 'crossnet impair' 在 {1} 上设置的 {0}（它的根 qdisc，句柄 c0de:）：设计中没有这样的限制。",
  "Removes the rule that 'crossnet impair' added to drop packets arriving on {0} ({1}): the design has no such loss.":
    "删除 'crossnet impair' 为丢弃到达 {0} 的数据包而添加的规则（{1}）：设计中没有这样的丢包。",
  "Brings {0} up: while it is down nothing crosses it (macvlan containers on it lose their link too).":
    "启用 {0}：它处于 down 状态时没有任何流量能通过（其上的 macvlan 容器也会失去链路）。",
  "{0} dropped {1}% of the packets arriving on {2} (an iptables statistic rule)":
    "{0} 丢弃了到达 {2} 的 {1}% 数据包（一条 iptables statistic 规则）",
  "a host's link loses packets": "某台主机的链路在丢包",
  "host '{0}' has no NIC or VLAN sub-interface '{1}'": "主机 '{0}' 没有网卡或 VLAN 子接口 '{1}'",
  // OVS tunnels: the containers' MTU (issue 12).
  "Plugs {0} into OVS bridge {1}: ovs-docker makes a veth pair, puts one end in the container as {2} with {3} and MTU {4} (the tunnel's headers must fit in the hosts' 1500 bytes, or full-size packets are dropped), and adds the other end to the bridge.":
    "把 {0} 接到 OVS 网桥 {1} 上：ovs-docker 创建一对 veth，一端放进容器作为 {2}（地址 {3}，MTU {4}：隧道的报头必须装进主机的 1500 字节，否则满长的数据包会被丢弃），另一端加到网桥上。",
  // KV overlay: dockerds restarted one at a time (fuzz seed 3007, issue 10).
  "Waits (at most 30 s) until dockerd's overlay gossip (serf, TCP port 7946) listens, before the next host's dockerd restarts: dockerd 20.10 joins just one gossip neighbour in its life, so dockerds restarted together can split into groups whose containers never learn of each other.":
    "等待（最多 30 秒）dockerd 的 overlay gossip（serf，TCP 端口 7946）开始监听，再重启下一台主机的 dockerd：dockerd 20.10 一生只加入一个 gossip 邻居，同时重启的 dockerd 可能分裂成几组，各组的容器永远互相不知道对方。",
  // Routed bridges: ACCEPT on every host interface, for ARP flux (fuzz seed 4015 design 7, issue 10).
  "Peers' packets for bridge {0} can arrive on {1} instead of {2}: Linux answers ARP for {3}'s address on every interface on the same wire (ARP flux), and the first answer wins. This DOCKER-USER rule lets them in too.":
    "对端发往网桥 {0} 的数据包可能从 {1} 而不是 {2} 进入：Linux 会在同一链路上的每个接口上应答对 {3} 地址的 ARP 请求（ARP flux），先到的应答胜出。这条 DOCKER-USER 规则也放行它们。",
  // Drift reasons as Texts (issue 14).
  "container {0}: {1}": "容器 {0}：{1}",
  "{0} attached to {1}": "{0} 接入 {1}",
  "nic {0}: {1}": "网卡 {0}：{1}",
  "vlan {0}: {1}": "VLAN {0}：{1}",
  "{0} on {1}": "{1} 上{0}",
  // The CLI's apply/destroy summary (issue 14).
  apply: "应用",
  DONE: "完成",
  PARTIAL: "部分完成",
  FAILED: "失败",
  "{0} of {1} refused:": "{1} 的{0}被拒绝：",
  "{0} of {1}: no changes, the hosts already match.": "{1} 的{0}：没有改动，主机已与设计一致。",
  "{0} of {1} in {2} s: {3} ok, {4} failed, {5} unknown, {6} skipped.":
    "{1} 的{0}用时 {2} 秒：{3} 成功，{4} 失败，{5} 未知，{6} 跳过。",
  "{0} could not be reached: {1}": "无法连接 {0}：{1}",
  "Run '{0}' again once the cause is fixed: it observes first and continues from what is there.":
    "排除原因后再次运行 '{0}'：它会先观察主机，再从现有状态继续。",
  "Re-observed: the hosts match the design.": "已重新观察：主机与设计一致。",
  "Warning: re-observed after the run, the hosts still differ:": "警告：运行后重新观察，主机仍与设计不同：",
  "{0} of {1}: nothing ran; what is left is blocked (see below).":
    "{1} 的{0}：什么也没有运行；剩下的被阻挡了（见下文）。",
  // The CLI's ping matrix, failures and summary (issue 14).
  "from \\ to": "源 \\ 目标",
  "marks: by IP (one per address), by name, then tcp, udp, mtu checks · ✓ reached ✗ not reached ! not probed · green as expected, red not · ms: average RTT":
    "标记：先按 IP（每个地址一个），再按名称，然后是 tcp、udp、mtu 检查 · ✓ 通 ✗ 不通 ! 未探测 · 绿色符合预期，红色不符合 · ms：平均 RTT",
  "{0} failed:": "{0} 项失败：",
  "{0} → {1} by {2} {3} ({4})": "{0} → {1} 经 {2} {3}（{4}）",
  "{0} → {1} by {2} {3}": "{0} → {1} 经 {2} {3}",
  "expected to reach": "预期能通",
  "expected isolation": "预期隔离",
  "expected to reach at {0} bytes": "预期 {0} 字节能通",
  "expected isolation at {0} bytes": "预期 {0} 字节隔离",
  "{0}: {1}, {2}": "{0}：{1}，{2}",
  "path MTU {0} (expected {1}, the source's interface claims {2})": "路径 MTU {0}（预期 {1}，源端接口声称 {2}）",
  "no size passed ({0})": "没有任何大小的包通过（{0}）",
  "no size passed": "没有任何大小的包通过",
  "could not probe ({0})": "无法探测（{0}）",
  "could not probe": "无法探测",
  connected: "已连接",
  "did not connect": "未能连接",
  "{0}/{1} replies, {2} ms": "{0}/{1} 个回应，{2} ms",
  "{0}/{1} replies": "{0}/{1} 个回应",
  "{0}, {1}": "{0}，{1}",
  "reached ({0})": "通了（{0}）",
  "did not reach ({0})": "不通（{0}）",
  "no diagnosis": "没有诊断",
  "ran: {0}": "执行：{0}",
  "(nothing could run)": "（什么也无法运行）",
  "[{0} attempts]": "[{0} 次尝试]",
  PASS: "通过",
  FAIL: "失败",
  CANCELLED: "已取消",
  "{0} passed, {1} failed of {2} cells in {3} s": "{2} 个单元中 {0} 个通过，{1} 个失败，用时 {3} 秒",
  "(run {0})": "（运行 {0}）",
  // The editor's canvas: what the graph cannot draw or keep (lib/graph).
  "the canvas cannot draw {0}: it does not exist": "画布无法画出{0}：它不存在",
  "Fix the reference in the text; the canvas shows the last version it could draw.":
    "请在文本里修正这个引用；画布显示的是它最后能画出的版本。",
  "parent '{0}' of network '{1}' on host '{2}'": "主机 '{2}' 上网络 '{1}' 的父接口 '{0}'",
  "host '{0}' of container '{1}'": "容器 '{1}' 的主机 '{0}'",
  "network '{0}' of container '{1}'": "容器 '{1}' 的网络 '{0}'",
  "'{0}' is used twice in {1}": "'{0}' 在 {1} 中用了两次",
  "Names are unique within their map: rename one of them.": "名字在所属的映射里必须唯一：请重命名其中一个。",
  "{0} is not inside a host": "{0}不在任何主机里",
  "Drag it into a host, or delete it.": "请把它拖进一台主机，或删除它。",
  "VLAN {0} belongs to no NIC": "VLAN {0} 不属于任何网卡",
  "Pick its NIC in the inspector, or delete it.": "请在属性面板里选择它的网卡，或删除它。",
  "network '{0}' is {1} now; its parent link to {2} on {3} is ignored":
    "网络 '{0}' 现在是 {1}；它到 {3} 上 {2} 的父接口连线被忽略",
  "Only macvlan networks have a parent interface: delete the link or switch the driver back.":
    "只有 macvlan 网络有父接口：请删除这条连线，或把驱动改回 macvlan。",
};
