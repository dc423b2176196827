import type { en } from "./en";

/** 界面文字的简体中文版；键与 en.ts 完全一致（少一个键就无法编译）。 */
export const zhCN: Record<keyof typeof en, string> = {
  "shell.description": "画出跨主机的容器网络，得到确切的命令，执行它们，并测试连通性。",
  "shell.skipToContent": "跳到正文",
  "shell.mainNav": "主导航",
  "shell.role": "角色：{role}",
  "shell.signOut": "退出登录",
  "shell.signIn": "登录",
  "shell.switchLanguage": "切换语言（English / 中文）",
  "shell.switchToDark": "切换到深色主题",
  "shell.switchToLight": "切换到浅色主题",
  "shell.light": "浅色",
  "shell.dark": "深色",
  "nav.topologies": "拓扑",
  "nav.lessons": "课程",
  "nav.hosts": "主机与实验环境",
  "nav.runs": "运行记录",
  "nav.audit": "审计",
};
