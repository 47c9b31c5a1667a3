import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/dist/index.css'
import './style.css'
import App from './App.vue'
import { router } from './router'
import { i18n } from './i18n'
import { setLanguage, onSignedOut } from './api/client'

setLanguage(i18n.global.locale.value)
document.documentElement.lang = i18n.global.locale.value
const app = createApp(App).use(createPinia()).use(i18n).use(router)
onSignedOut(() => {
  if (router.currentRoute.value.name !== 'login') router.push({ name: 'login' })
})
app.mount('#app')
