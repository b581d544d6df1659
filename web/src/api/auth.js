// /auth: the cookie session of the browser.
import { http } from './http'

export const login = (username, password) =>
  http.post('/auth/login', { username, password }, { auth: false })
export const logout = () => http.post('/auth/logout', {}, { auth: false })
export const me = () => http.get('/auth/me', undefined, { auth: false })
export const changePassword = (oldPassword, newPassword) =>
  http.post('/auth/password', { old_password: oldPassword, new_password: newPassword })
