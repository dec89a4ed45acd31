// Data behind the 个体工商户 name checks (个体工商户名称登记管理办法 §6 structure, §10 行业, 规范汉字):
// the trade words a name's 行业 part is usually made of, and the traditional characters seen on
// village shop signs with their 规范汉字 (通用规范汉字表). Lists, not logic: extend them freely.

/**
 * Words that name a trade (行业) in sole-trader names, by sector. A name whose 字号 + 行业 part
 * contains none of them (老王小卖部) is reported as missing its 行业. Longest match wins.
 */
export const BUSINESS_TRADE_WORDS: readonly string[] = [
  // retail
  ...['百货', '日用百货', '日杂', '杂货', '食杂', '副食', '便利', '便民', '烟酒', '粮油', '米面', '食品'],
  ...['水果', '果蔬', '蔬菜', '生鲜', '鲜肉', '猪肉', '牛羊肉', '冷冻食品', '水产', '海鲜', '干货', '土特产', '特产'],
  ...['农资', '种子', '化肥', '农药', '饲料', '兽药', '药', '大药', '五金', '建材', '家电', '电器', '灯具', '卫浴'],
  ...['陶瓷', '家具', '服装', '服饰', '童装', '鞋', '鞋业', '布艺', '床上用品', '母婴', '文具', '图书', '书'],
  ...['玩具', '体育用品', '渔具', '眼镜', '钟表', '首饰', '金银', '礼品', '花卉', '花', '烟花', '殡葬用品', '寿衣'],
  ...['手机', '通讯', '电脑', '电子', '数码', '摩托', '电动车', '车行', '汽配', '轮胎', '农机', '农具', '日化'],
  ...['零售', '批发', '商贸', '贸易', '购物', '超市'],
  // food and drink
  ...['饭', '餐', '餐饮', '快餐', '小吃', '面', '面食', '粉', '米粉', '包子', '饺子', '馄饨', '早餐', '烧烤'],
  ...['火锅', '烤鱼', '卤味', '熟食', '烘焙', '蛋糕', '糕点', '豆腐', '酒', '酒水', '茶', '茶叶', '奶茶', '饮品'],
  ...['冷饮', '农家乐', '食堂', '厨房', '菜'],
  // services
  ...['理发', '美发', '发型', '美容', '美甲', '养生', '推拿', '足浴', '洗浴', '摄影', '照相', '婚庆', '图文'],
  ...['打印', '复印', '广告', '家政', '保洁', '洗衣', '干洗', '裁缝', '缝纫', '开锁', '维修', '修理', '家电维修'],
  ...['农机维修', '汽修', '汽车维修', '洗车', '快递', '物流', '运输', '货运', '搬家', '住宿', '旅社', '客栈'],
  ...['民宿', '棋牌', '网络', '信息', '咨询', '服务', '技术', '科技', '文化', '传媒', '装饰', '装修', '水电'],
  // production and farming
  ...['加工', '米面加工', '榨油', '油坊', '磨坊', '酿酒', '木工', '门窗', '铝合金', '不锈钢', '钢材', '机械'],
  ...['养殖', '种植', '果园', '苗木', '茶园', '渔场', '农场', '牧场', '回收', '废品回收', '再生资源'],
];

/** Organisation forms that already say the trade (a 超市 sells daily goods): no separate 行业 needed. */
export const BUSINESS_FORMS_NAMING_TRADE: readonly string[] = ['超市'];

// Traditional → simplified, character by character (the two strings are aligned).
const TRADITIONAL =
  '號門廣東車電飯館麵麪農貿藝飾裝髮鮮華國興發業場廠貨買賣飲麥雞鴨魚蝦豐樂壽龍鳳萬寶順達齊聖陽雲風寧廳樓閣齋軒園莊鋪舖攤點際銷網絡線機維輛馬運輸遞郵銀錢鐵鋼鋁燈熱氣糧飼種藥醫診療衛潔淨灣濤傳術畫書筆紙圖裡鐘錶黃綠紅藍區縣鄉鎮橋島嶺臺陳張劉楊趙吳孫鄭馮許鄧蕭謝韓葉盧蘇蔣賈羅湯饃餅燒鍋滷醬餃鴻鵬偉億財匯聯喬愛親緣夢歡學習與個們這時長會為對來開關間無見現後幾從雙戶歲處將專當實寫舊礦鹽檯櫃鏡鬆條隻體訊腦數碼攝禮壺漿鮑鵝獸遊戲棧';
const SIMPLIFIED =
  '号门广东车电饭馆面面农贸艺饰装发鲜华国兴发业场厂货买卖饮麦鸡鸭鱼虾丰乐寿龙凤万宝顺达齐圣阳云风宁厅楼阁斋轩园庄铺铺摊点际销网络线机维辆马运输递邮银钱铁钢铝灯热气粮饲种药医诊疗卫洁净湾涛传术画书笔纸图里钟表黄绿红蓝区县乡镇桥岛岭台陈张刘杨赵吴孙郑冯许邓萧谢韩叶卢苏蒋贾罗汤馍饼烧锅卤酱饺鸿鹏伟亿财汇联乔爱亲缘梦欢学习与个们这时长会为对来开关间无见现后几从双户岁处将专当实写旧矿盐台柜镜松条只体讯脑数码摄礼壶浆鲍鹅兽游戏栈';

/** Traditional characters common on shop signs, with their 规范汉字. */
export const TRADITIONAL_TO_SIMPLIFIED: ReadonlyMap<string, string> = new Map(
  [...TRADITIONAL].map((ch, i) => [ch, [...SIMPLIFIED][i] ?? ch] as const).filter(([t, s]) => t !== s),
);
